import { IsolatedInfra, isolateInfra, startTestService, TestService, waitFor } from '@otklik/testing';
import { AgencyAnsweredV1, IncidentRoutedV1, TOPICS } from '@otklik/contracts';
import { EventPublisher, EventTap, TappedMessage } from '@otklik/messaging';
import { AppModule } from '../app.module';

interface Envelope<P> { id: string; payload: P }
const payloadOf = <P>(m: TappedMessage) => (m.json as Envelope<P>).payload;
const about = (incidentId: string) => (m: TappedMessage) => payloadOf<{ incidentId: string }>(m).incidentId === incidentId;

function routed(incidentId: string, routedAt: string): IncidentRoutedV1 {
  return {
    incidentId, number: `78-2025-${incidentId}`, topic: 'roads.potholes', urgency: 'normal', regionCode: '40', postIds: ['p1'],
    agencyId: 'spb-roads', coExecutorIds: [], routedAt,
    decision: { method: 'rule', ruleId: 'r1', confidence: 1, explanation: 'rule 1' },
  };
}

function answer(incidentId: string, answeredAt: string, answerId: string): AgencyAnsweredV1 {
  return {
    answerId, incidentId, agencyId: 'spb-roads', kind: 'final', text: 'Яма заделана', photos: [], answeredAt,
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
    tap = await service.tap([TOPICS.slaArmed, TOPICS.slaWarning, TOPICS.slaBreached, TOPICS.slaEscalated, TOPICS.slaMet]);
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
    const warnings = await Promise.all([50, 75, 90].map((p) =>
      tap.waitFor(TOPICS.slaWarning, (m) => about('i-late')(m) && payloadOf<{ percent: number }>(m).percent === p)));
    expect(warnings).toHaveLength(3);
    await tap.waitFor(TOPICS.slaEscalated, (m) => about('i-late')(m) && payloadOf<{ role: string }>(m).role === 'agency_head');
  });

  it('a late final answer meets the clock late and shows in the KPI report as JSON and CSV', async () => {
    await publisher.publish(TOPICS.agencyAnswered, answer('i-late', '2025-03-03T13:00:00.000Z', 'a1'), { key: 'i-late' });
    const met = payloadOf<{ onTime: boolean; workingMinutesTaken: number }>(await tap.waitFor(TOPICS.slaMet, about('i-late')));
    expect(met).toMatchObject({ onTime: false, workingMinutesTaken: 312 });
    const report = await waitForReport(service, (r) => r.agencies.some((a) => a.agencyId === 'spb-roads' && a.answers === 1 && a.overdue === 1));
    expect(report.agencies.find((a) => a.agencyId === 'spb-roads')).toEqual({
      agencyId: 'spb-roads', answers: 1, onTimeShare: 0, medianAnswerHours: 5.2, overdue: 1, returned: 0, rerouted: 0,
    });
    const csv = await (await fetch(`${service.baseUrl}/kpi/agencies?from=2025-03-01&to=2025-04-01&format=csv`)).text();
    expect(csv.split('\n')[1]).toBe('spb-roads,1,0,5.2,1,0,0');
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

  it('rejects a malformed report period naming the field', async () => {
    const res = await fetch(`${service.baseUrl}/kpi/agencies?from=March&to=2025-04-01`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('from');
  });
});

interface Report { agencies: { agencyId: string; answers: number; overdue: number }[] }

async function waitForReport(service: TestService, ok: (r: Report) => boolean): Promise<Report & { agencies: Record<string, unknown>[] }> {
  return waitFor('the KPI report to count the answer and the breach', async () => {
    const report = (await (await fetch(`${service.baseUrl}/kpi/agencies?from=2025-03-01&to=2025-04-01`)).json()) as Report;
    return ok(report) ? (report as Report & { agencies: Record<string, unknown>[] }) : undefined;
  }, 60_000);
}
