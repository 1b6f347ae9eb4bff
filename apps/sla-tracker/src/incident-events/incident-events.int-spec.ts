import { authHeader, IsolatedInfra, isolateInfra, openApiSecurityGaps, startTestService, TestService, waitFor } from '@otklik/testing';
import { AgencyAnsweredV1, IncidentRoutedV2, IncidentStateChangedV1, SlaPausedV2, SlaResumedV2, TOPICS } from '@otklik/contracts';
import { EventPublisher, EventTap, TappedMessage } from '@otklik/messaging';
import { AppModule } from '../app.module';
import { ClockEngineService } from '../engine/clock-engine.service';

interface Envelope<P> {
  id: string;
  payload: P;
}
const payloadOf = <P>(m: TappedMessage) => (m.json as Envelope<P>).payload;
const about = (incidentId: string) => (m: TappedMessage) => payloadOf<{ incidentId: string }>(m).incidentId === incidentId;

function routed(incidentId: string, routedAt: string): IncidentRoutedV2 {
  return {
    incidentId,
    number: `78-2025-${incidentId}`,
    topicCode: 'roads.potholes',
    urgency: 'normal',
    regionCode: '40',
    postIds: ['p1'],
    agencyId: 'spb-roads',
    coExecutorIds: [],
    routedAt,
    decision: { method: 'rule', ruleId: 'r1', confidence: 1, explanation: 'rule 1' },
  };
}

function answer(incidentId: string, answeredAt: string, answerId: string): AgencyAnsweredV1 {
  return {
    answerId,
    incidentId,
    agencyId: 'spb-roads',
    kind: 'final',
    text: 'Яма заделана',
    photos: [],
    answeredAt,
    actor: { userId: 'u1', role: 'agency', agencyId: 'spb-roads' },
  };
}

async function armedCount(service: TestService): Promise<number> {
  const text = await (await fetch(`${service.baseUrl}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('otklik_sla_events_total{') && l.includes('kind="armed"'));
  return line ? Number(line.split(' ').pop()) : 0;
}

describe('sla-tracker on the real broker and database', () => {
  let infra: IsolatedInfra;
  let service: TestService;
  let tap: EventTap;
  let publisher: EventPublisher;

  beforeAll(async () => {
    infra = isolateInfra('sla-tracker');
    process.env['SLA_CLOCK_COLLECTIONS'] = '4';
    service = await startTestService('sla-tracker', AppModule);
    tap = await service.tap([TOPICS.slaArmed, TOPICS.slaWarning, TOPICS.slaBreached, TOPICS.slaEscalated, TOPICS.slaMet, TOPICS.slaPaused, TOPICS.slaResumed]);
    publisher = service.app.get(EventPublisher);
  });

  afterAll(async () => {
    await service?.close();
    await infra?.cleanup();
  });

  it('arms a clock for a routed incident and catches up warnings and the breach that are already due', async () => {
    await publisher.publish(TOPICS.incidentRouted, routed('i-late', '2025-03-03T07:00:00.000Z'), { key: 'i-late' });
    const armed = payloadOf<{ dueAt: string; workingMinutes: number }>(await tap.waitFor(TOPICS.slaArmed, about('i-late')));
    expect(armed).toMatchObject({ dueAt: '2025-03-03T11:48:00.000Z', workingMinutes: 240 });
    const breached = payloadOf<{ breachedAt: string }>(await tap.waitFor(TOPICS.slaBreached, about('i-late')));
    expect(breached.breachedAt).toBe('2025-03-03T11:48:00.000Z');
    const warnings = await Promise.all([50, 75, 90].map((p) => tap.waitFor(TOPICS.slaWarning, (m) => about('i-late')(m) && payloadOf<{ percent: number }>(m).percent === p)));
    expect(warnings).toHaveLength(3);
    await tap.waitFor(TOPICS.slaEscalated, (m) => about('i-late')(m) && payloadOf<{ role: string }>(m).role === 'agency_head');
  });

  it('a late final answer meets the clock late and shows in the KPI report as JSON and CSV', async () => {
    await publisher.publish(TOPICS.agencyAnswered, answer('i-late', '2025-03-03T13:00:00.000Z', 'a1'), { key: 'i-late' });
    const met = payloadOf<{ onTime: boolean; workingMinutesTaken: number }>(await tap.waitFor(TOPICS.slaMet, about('i-late')));
    expect(met).toMatchObject({ onTime: false, workingMinutesTaken: 312 });
    const report = await waitForReport(service, (r) => r.agencies.some((a) => a.agencyId === 'spb-roads' && a.answers === 1 && a.overdue === 1));
    expect(report.agencies.find((a) => a.agencyId === 'spb-roads')).toEqual({
      agencyId: 'spb-roads',
      answers: 1,
      onTimeShare: 0,
      medianAnswerHours: 5.2,
      overdue: 1,
      returned: 0,
      rerouted: 0,
    });
    const csv = await (await fetch(`${service.baseUrl}/kpi/agencies?from=2025-03-01&to=2025-04-01&format=csv`, { headers: authHeader({ role: 'supervisor' }) })).text();
    expect(csv.split('\r\n')[1]).toBe('spb-roads,1,0,5.2,1,0,0');
  });

  it('treats a redelivered routing as the same clock', async () => {
    const before = await armedCount(service);
    await publisher.publish(TOPICS.incidentRouted, routed('i-twice', '2025-03-04T06:00:00.000Z'), { key: 'i-twice' });
    await tap.waitFor(TOPICS.slaArmed, about('i-twice'));
    await publisher.publish(TOPICS.incidentRouted, routed('i-twice', '2025-03-04T06:00:00.000Z'), { key: 'i-twice' });
    await publisher.publish(TOPICS.agencyAnswered, answer('i-twice', '2025-03-04T07:00:00.000Z', 'a2'), { key: 'i-twice' });
    await tap.waitFor(TOPICS.slaMet, about('i-twice'));
    // Events of one incident are handled in order, so the repeat was handled before the answer.
    expect((await armedCount(service)) - before).toBe(1);
  });

  it('arms the ПОС policy a routing names, pauses it while the citizen is asked to clarify and says so', async () => {
    // Dates after the wall clock: the engine catches a clock up to now, and a past deadline would
    // breach before the pause (a breached clock keeps its deadline on resume). 2030 has no shipped
    // calendar; Labour Code holidays leave 3–18 April ordinary working days.
    await publisher.publish(TOPICS.incidentRouted, { ...routed('i-pos', '2030-04-03T07:00:00.000Z'), regime: 'pos_message' }, { key: 'i-pos' });
    const armed = payloadOf<{ policy: string; dueAt: string }>(await tap.waitFor(TOPICS.slaArmed, about('i-pos')));
    // 10 working days after Wednesday 3 April: Wednesday 17 April, 18:00 Moscow.
    expect(armed).toMatchObject({ policy: 'pos-message@1', dueAt: '2030-04-17T15:00:00.000Z' });
    const change = (changedAt: string, reasonCode: IncidentStateChangedV1['reasonCode']): IncidentStateChangedV1 => ({
      incidentId: 'i-pos',
      number: '78-2030-i-pos',
      from: 'routed',
      to: 'routed',
      actor: 'operator:o1',
      reason: 'Уточните адрес',
      reasonCode,
      changedAt,
    });
    // Topics are consumed independently: each fact is awaited before the next goes out.
    await publisher.publish(TOPICS.incidentStateChanged, change('2030-04-03T08:00:00.000Z', 'awaiting_clarification'), { key: 'i-pos' });
    const paused = payloadOf<SlaPausedV2>(await tap.waitFor(TOPICS.slaPaused, about('i-pos')));
    expect(paused).toEqual({
      incidentId: 'i-pos',
      agencyId: 'spb-roads',
      topicCode: 'roads.potholes',
      policy: 'pos-message@1',
      phase: 'first_answer',
      pausedAt: '2030-04-03T08:00:00.000Z',
      reason: 'awaiting_clarification',
      usedWorkingMinutes: 60,
    });
    await publisher.publish(TOPICS.incidentStateChanged, change('2030-04-04T07:00:00.000Z', 'clarification_received'), { key: 'i-pos' });
    const resumed = payloadOf<SlaResumedV2>(await tap.waitFor(TOPICS.slaResumed, about('i-pos')));
    // The wait took Wednesday 11:00–18:00 (less lunch) and Thursday 09:00–10:00: 432 working
    // minutes, which move the deadline to Thursday 18 April, 17:00 Moscow.
    expect(resumed).toMatchObject({ phase: 'first_answer', resumedAt: '2030-04-04T07:00:00.000Z', dueAt: '2030-04-18T14:00:00.000Z' });
    await publisher.publish(TOPICS.agencyAnswered, answer('i-pos', '2030-04-04T08:00:00.000Z', 'a3'), { key: 'i-pos' });
    const met = payloadOf<{ onTime: boolean; workingMinutesTaken: number }>(await tap.waitFor(TOPICS.slaMet, about('i-pos')));
    // An hour on Wednesday and an hour on Thursday: the day the citizen took does not count.
    expect(met).toMatchObject({ onTime: true, workingMinutesTaken: 120 });
  });

  it("counts a clock on the agency's own week and zone as the directory announces them, kept across a restart", async () => {
    // A Kamchatka agency (UTC+12) working 08:00–17:00, lunch 12:00–13:00: routed Monday 09:00 local.
    const agency = {
      name: 'Управление дорог',
      kind: 'road_agency',
      timeZone: 'Asia/Kamchatka',
      workingHours: [{ weekdays: [1, 2, 3, 4, 5], from: '08:00', to: '17:00', breaks: [{ from: '12:00', to: '13:00' }] }],
    };
    await publisher.publish(TOPICS.incidentRouted, { ...routed('i-kam', '2025-03-02T21:00:00.000Z'), agencyId: 'kam-roads', regionCode: '30', agency }, { key: 'i-kam' });
    const armed = payloadOf<{ dueAt: string }>(await tap.waitFor(TOPICS.slaArmed, about('i-kam')));
    // 09:00–12:00 and 13:00–14:00 local: due 14:00 local = 02:00 UTC.
    expect(armed.dueAt).toBe('2025-03-03T02:00:00.000Z');
    const kept = await waitFor('the hours stored', async () => {
      const db = (service.app.get(ClockEngineService) as unknown as { agencyHours: { all(): Promise<{ _id: string; hours: { zone: string } }[]> } }).agencyHours;
      return (await db.all()).find((d) => d._id === 'kam-roads');
    });
    expect(kept.hours.zone).toBe('Asia/Kamchatka');
  });

  it('counts the Saturday hours the directory announces for an agency working on Saturdays', async () => {
    const agency = {
      name: 'Водоканал',
      kind: 'utility',
      timeZone: 'Europe/Moscow',
      workingHours: [
        { weekdays: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' },
        { weekdays: [6], from: '10:00', to: '15:00' },
      ],
    };
    // Friday 13 March 2026, 17:00 Moscow: an hour on Friday, three on Saturday 10:00–13:00.
    await publisher.publish(TOPICS.incidentRouted, { ...routed('i-sat', '2026-03-13T14:00:00.000Z'), agencyId: 'spb-water', agency }, { key: 'i-sat' });
    const armed = payloadOf<{ dueAt: string }>(await tap.waitFor(TOPICS.slaArmed, about('i-sat')));
    expect(armed.dueAt).toBe('2026-03-14T10:00:00.000Z');
  });

  it("answers 401 without a token, and shows agency staff only their own agency's KPI row", async () => {
    const url = `${service.baseUrl}/kpi/agencies?from=2025-03-01&to=2025-04-01`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: authHeader({ role: 'integration' }) })).status).toBe(403);
    await waitForReport(service, (r) => r.agencies.some((a) => a.agencyId === 'spb-roads'));
    const own = (await (await fetch(url, { headers: authHeader({ role: 'agency', agencyId: 'spb-roads' }) })).json()) as Report;
    expect(own.agencies.map((a) => a.agencyId)).toEqual(['spb-roads']);
    const other = (await (await fetch(url, { headers: authHeader({ role: 'agency', agencyId: 'spb-water' }) })).json()) as Report;
    expect(other.agencies).toEqual([]);
  });

  it('declares the bearer scheme and the 401 and 403 of every operation in its OpenAPI document', async () => {
    expect(await openApiSecurityGaps(service.baseUrl)).toEqual([]);
  });

  it('rejects a malformed report period naming the field', async () => {
    const res = await fetch(`${service.baseUrl}/kpi/agencies?from=March&to=2025-04-01`, { headers: authHeader({ role: 'supervisor' }) });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('from');
  });
});

interface Report {
  agencies: { agencyId: string; answers: number; overdue: number }[];
}

async function waitForReport(service: TestService, ok: (r: Report) => boolean): Promise<Report & { agencies: Record<string, unknown>[] }> {
  return waitFor(
    'the KPI report to count the answer and the breach',
    async () => {
      const report = (await (await fetch(`${service.baseUrl}/kpi/agencies?from=2025-03-01&to=2025-04-01`, { headers: authHeader({ role: 'supervisor' }) })).json()) as Report;
      return ok(report) ? (report as Report & { agencies: Record<string, unknown>[] }) : undefined;
    },
    60_000,
  );
}
