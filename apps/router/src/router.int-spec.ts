import { getConnectionToken } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { OperatorActionRequestedV1, ReturnRequestedV1, TOPICS } from '@otklik/contracts';
import { EventPublisher, EventTap, TappedMessage } from '@otklik/messaging';
import { authHeader, IsolatedInfra, isolateInfra, openApiSecurityGaps, startTestService, TestService } from '@otklik/testing';
import { AppModule } from './app.module';
import { IncidentIntakeService } from './intake/incident-intake.service';
import { about, classifiedPost as classified, payloadOf, withPost } from './testing/tapped-events';

const actor = { userId: 'u-1', role: 'agency' as const, agencyId: 'spb-zha-nevsky' };

describe('router on the real broker and database', () => {
  let infra: IsolatedInfra;
  let service: TestService;
  let tap: EventTap;
  let publisher: EventPublisher;
  const http = (path: string, init: RequestInit = {}) =>
    fetch(`${service.baseUrl}${path}`, { ...init, headers: { 'content-type': 'application/json', ...authHeader({ role: 'admin' }), ...init.headers } });

  beforeAll(async () => {
    infra = isolateInfra('router');
    process.env.ROUTER_SURGE_THRESHOLD = '2';
    process.env.ROUTER_SWEEP_MS = '500';
    service = await startTestService('router', AppModule);
    tap = await service.tap([TOPICS.incidentRouted, TOPICS.incidentRerouted, TOPICS.incidentReturned, TOPICS.incidentStateChanged, TOPICS.incidentSurge]);
    publisher = service.app.get(EventPublisher);
  });

  afterAll(async () => {
    await service?.close();
    await infra?.cleanup();
  });

  it('seeds the directory on first start and serves it', async () => {
    const agencies = (await (await http('/v1/agencies?territory=40:nevsky:rybatskoe&kind=housing_agency')).json()) as { id: string }[];
    expect(agencies.map((a) => a.id)).toEqual(['spb-zha-nevsky']);
    const territory = (await (await http('/v1/territories/40:nevsky')).json()) as { path: string[] };
    expect(territory.path).toEqual(['40:nevsky', '40000000']);
  });

  it('routes a classified post by rule, and a redelivered post has one incident', async () => {
    await publisher.publish(TOPICS.incidentClassified, classified('post-1', 'housing.heating', '40:nevsky', 'ул. Седова, 10'), { key: 'post-1' });
    const routed = payloadOf<{ incidentId: string; agencyId: string; number: string; decision: { method: string; ruleId: string; explanation: string } }>(
      await tap.waitFor(TOPICS.incidentRouted, withPost('post-1')),
    );
    expect(routed).toMatchObject({ agencyId: 'spb-zha-nevsky', decision: { method: 'rule', ruleId: '1' } });
    expect(routed.number).toMatch(/^78-\d{4}-000001$/);
    await publisher.publish(TOPICS.incidentClassified, classified('post-1', 'housing.heating', '40:nevsky', 'ул. Седова, 10'), { key: 'post-1' });
    await publisher.publish(TOPICS.incidentClassified, classified('post-1b', 'roads.surface', '40:tsentralny', 'Невский пр., 1'), { key: 'post-1b' });
    await tap.waitFor(TOPICS.incidentRouted, withPost('post-1b'));
    expect(tap.messages.filter((m) => m.topic === TOPICS.incidentRouted && withPost('post-1')(m))).toHaveLength(1);
    const incident = (await (await http(`/v1/incidents/${routed.number}`)).json()) as { id: string; state: string; history: unknown[] };
    expect(incident).toMatchObject({ id: routed.incidentId, state: 'routed' });
    const stored = await service.app
      .get<Connection>(getConnectionToken())
      .collection('incidents')
      .findOne({ _id: routed.incidentId as never });
    expect(stored?.outbox).toEqual({});
  });

  it('follows the agency: acknowledged, then returned as not its competence and rerouted', async () => {
    await publisher.publish(TOPICS.incidentClassified, classified('post-2', 'housing.heating', '40:nevsky', 'ул. Бабушкина, 3'), { key: 'post-2' });
    const { incidentId } = payloadOf<{ incidentId: string }>(await tap.waitFor(TOPICS.incidentRouted, withPost('post-2')));
    const now = new Date().toISOString();
    await publisher.publish(TOPICS.incidentAcknowledged, { incidentId, agencyId: 'spb-zha-nevsky', actor, acknowledgedAt: now }, { key: incidentId });
    await tap.waitFor(TOPICS.incidentStateChanged, (m) => about(incidentId)(m) && payloadOf<{ to: string }>(m).to === 'acknowledged');
    const request: ReturnRequestedV1 = { incidentId, agencyId: 'spb-zha-nevsky', reason: 'котельная ГУП ТЭК', suggestedAgencyId: 'spb-tek', actor, requestedAt: new Date().toISOString() };
    await publisher.publish(TOPICS.returnRequested, request, { key: incidentId });
    const returned = payloadOf<{ next: string; nextAgencyId: string }>(await tap.waitFor(TOPICS.incidentReturned, about(incidentId)));
    expect(returned).toMatchObject({ next: 'next_candidate', nextAgencyId: 'spb-tek' });
    const rerouted = payloadOf<{ agencyId: string; previousAgencyId: string; rerouteCount: number }>(await tap.waitFor(TOPICS.incidentRerouted, about(incidentId)));
    expect(rerouted).toMatchObject({ agencyId: 'spb-tek', previousAgencyId: 'spb-zha-nevsky', rerouteCount: 1 });
    const day = Date.now();
    const summary = (await (await http(`/v1/misroutes/summary?from=${new Date(day - 3_600_000).toISOString()}&to=${new Date(day + 3_600_000).toISOString()}`)).json()) as {
      byRule: { ruleId: string; misroutes: number }[];
      byAgency: { agencyId: string; misroutes: number }[];
    };
    expect(summary.byRule).toEqual([expect.objectContaining({ ruleId: '1', misroutes: 1 })]);
    expect(summary.byAgency).toEqual([expect.objectContaining({ agencyId: 'spb-zha-nevsky', misroutes: 1 })]);
  });

  it('carries out an operator reassignment', async () => {
    await publisher.publish(TOPICS.incidentClassified, classified('post-3', 'roads.traffic_control', '40:kirovsky', 'пр. Стачек, 1'), { key: 'post-3' });
    const { incidentId, agencyId } = payloadOf<{ incidentId: string; agencyId: string }>(await tap.waitFor(TOPICS.incidentRouted, withPost('post-3')));
    expect(agencyId).toBe('spb-dodd');
    const request: OperatorActionRequestedV1 = {
      incidentId,
      action: 'reassign',
      agencyId: 'spb-adm-kirovsky',
      reason: 'знак во дворе',
      actor: { userId: 'op-1', role: 'operator' },
      requestedAt: new Date().toISOString(),
    };
    await publisher.publish(TOPICS.operatorActionRequested, request, { key: incidentId });
    const rerouted = payloadOf<{ agencyId: string; decision: { method: string } }>(await tap.waitFor(TOPICS.incidentRerouted, about(incidentId)));
    expect(rerouted).toMatchObject({ agencyId: 'spb-adm-kirovsky', decision: { method: 'operator' } });
  });

  it("routes under the post's regime and records a clarification asked and received as reason-coded state changes", async () => {
    await publisher.publish(TOPICS.incidentClassified, classified('post-4', 'roads.traffic_control', '40:kirovsky', 'пр. Стачек, 3', { regime: 'pos_message' }), { key: 'post-4' });
    const { incidentId, regime } = payloadOf<{ incidentId: string; regime?: string }>(await tap.waitFor(TOPICS.incidentRouted, withPost('post-4')));
    expect(regime).toBe('pos_message');
    const act = (action: OperatorActionRequestedV1['action'], reason: string): OperatorActionRequestedV1 => ({
      incidentId,
      action,
      reason,
      actor: { userId: 'op-1', role: 'operator' },
      requestedAt: new Date().toISOString(),
    });
    const coded = (code: string) => (m: TappedMessage) => about(incidentId)(m) && payloadOf<{ reasonCode?: string }>(m).reasonCode === code;
    await publisher.publish(TOPICS.operatorActionRequested, act('request_clarification', 'Уточните, какой светофор'), { key: incidentId });
    expect(payloadOf(await tap.waitFor(TOPICS.incidentStateChanged, coded('awaiting_clarification')))).toMatchObject({ from: 'routed', to: 'routed', reason: 'Уточните, какой светофор' });
    await publisher.publish(TOPICS.operatorActionRequested, act('clarification_received', 'На перекрёстке со Швецова'), { key: incidentId });
    expect(payloadOf(await tap.waitFor(TOPICS.incidentStateChanged, coded('clarification_received')))).toMatchObject({ from: 'routed', to: 'routed' });
  });

  it('publishes what a write left in its outbox when the publisher did not (crash recovery)', async () => {
    const intake = service.app.get(IncidentIntakeService);
    // The service writes the incident and its events but nobody publishes them — as if the process died there.
    const result = await intake.intake(
      { postId: 'orphan-1', topicCode: 'housing.lifts', topicConfidence: 0.9, urgency: 'normal', place: { territoryCode: '40:frunzensky', address: 'ул. Белы Куна, 1' }, text: 'лифт', at: new Date() },
      { correlationId: 'spec' },
    );
    expect(result.outcome).toBe('created');
    const routed = await tap.waitFor(TOPICS.incidentRouted, withPost('orphan-1'), 30_000);
    expect((routed.json as { id: string }).id).toBe(result.events[1].envelope.id);
  });

  it('announces a surge of similar incidents on one territory', async () => {
    for (const [i, street] of ['ул. Ленина, 1', 'ул. Ленина, 40'].entries()) {
      await publisher.publish(TOPICS.incidentClassified, classified(`surge-${i}`, 'housing.lifts', '40:kolpinsky', street), { key: `surge-${i}` });
    }
    const surge = payloadOf<{ territoryCode: string; topicCode: string; incidentIds: string[] }>(
      await tap.waitFor(TOPICS.incidentSurge, (m) => payloadOf<{ topicCode: string }>(m).topicCode === 'housing.lifts'),
    );
    expect(surge).toMatchObject({ territoryCode: '40:kolpinsky' });
    expect(surge.incidentIds).toHaveLength(2);
  });

  it('manages agencies and rules over HTTP, naming bad fields and refusing inconsistent changes', async () => {
    const bad = await http('/v1/agencies/x-1', {
      method: 'PUT',
      body: JSON.stringify({
        id: 'x-1',
        name: 'Новое',
        kind: 'ministry',
        territoryCode: '40000000',
        topicCodes: [],
        workingHours: { days: [{ weekdays: [1], from: '09:00', to: '18:00' }] },
        contacts: [],
        active: true,
      }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string[] }).message).toEqual([expect.stringMatching(/^kind: /)]);
    // A rule as files from before the rename describe it: `topics` is refused, named.
    const earlier = await http('/v1/rules/51', {
      method: 'PUT',
      body: JSON.stringify({ id: 51, title: 'Лифты', topics: ['housing.lifts'], territoryCodes: ['40000000'], agency: 'spb-zhk', priority: 30, enabled: true }),
    });
    expect(earlier.status).toBe(400);
    expect(JSON.stringify(await earlier.json())).toContain('topics');
    const orphan = await http('/v1/rules/50', {
      method: 'PUT',
      body: JSON.stringify({ id: 50, title: 'Лифты', topicCodes: ['housing.lifts'], territoryCodes: ['40000000'], agency: 'nobody', priority: 30, enabled: true }),
    });
    expect(orphan.status).toBe(422);
    expect(((await orphan.json()) as { message: string[] }).message).toEqual(['rule 50: agency: unknown agency nobody']);
    const created = await http('/v1/rules/50', {
      method: 'PUT',
      body: JSON.stringify({ id: 50, title: 'Лифты — Жилищный комитет', topicCodes: ['housing.lifts'], territoryCodes: ['40000000'], agency: 'spb-zhk', priority: 30, enabled: true }),
    });
    expect(created.status).toBe(200);
    const preview = (await (await http('/v1/routing/preview', { method: 'POST', body: JSON.stringify({ topicCode: 'housing.lifts', placeName: 'Невский', regionCode: '40' }) })).json()) as {
      decision: { agencyId: string; explanation: string };
    };
    expect(preview.decision).toMatchObject({ agencyId: 'spb-zhk' });
    expect(preview.decision.explanation).toMatch(/^правило 50 «Лифты — Жилищный комитет»: Лифты × г Санкт-Петербург → Жилищный комитет/);
    expect((await http('/v1/agencies/spb-zhk', { method: 'DELETE' })).status).toBe(409);
    expect((await http('/v1/rules/50', { method: 'DELETE' })).status).toBe(204);
    const badImport = await http('/v1/territories/import', {
      method: 'POST',
      body: JSON.stringify([{ code: '40:new', codeScheme: 'local', name: 'Новый', kind: 'district', parentCode: '40:nowhere' }]),
    });
    expect(badImport.status).toBe(422);
    const badCode = await http('/v1/territories/import', {
      method: 'POST',
      body: JSON.stringify([{ code: 'RU-SPE:new', codeScheme: 'local', name: 'Новый', kind: 'district', parentCode: '40000000' }]),
    });
    expect(badCode.status).toBe(400);
    expect(((await badCode.json()) as { message: string[] }).message).toEqual([expect.stringMatching(/code must be an OKTMO code .* or a local code <region key>:<name>/)]);
    const badScheme = await http('/v1/territories/import', {
      method: 'POST',
      body: JSON.stringify([{ code: '40:new', codeScheme: 'oktmo', name: 'Новый', kind: 'district', parentCode: '40000000' }]),
    });
    expect(badScheme.status).toBe(422);
    expect(((await badScheme.json()) as { message: string[] }).message).toEqual([expect.stringMatching(/territory 40:new: codeScheme: must be local/)]);
  });

  describe('agency working hours', () => {
    const body = (workingHours: unknown, extra: object = {}) =>
      JSON.stringify({ id: 'x-2', name: 'Новое ведомство', kind: 'regional_executive', territoryCode: '40000000', topicCodes: [], workingHours, contacts: [], active: true, ...extra });
    const put = (workingHours: unknown, extra: object = {}) => http('/v1/agencies/x-2', { method: 'PUT', body: body(workingHours, extra) });
    const messages = async (response: Response) => ((await response.json()) as { message: string[] }).message;

    it.each([
      ['an empty week', { timeZone: 'Europe/Moscow', days: [] }, /^workingHours\.days: /],
      ['no days at all', { timeZone: 'Europe/Moscow' }, /^workingHours\.days: /],
      ['no working hours', null, /^workingHours: /],
      ['hours that are not an object', 'круглосуточно', /^workingHours: /],
      ['a day that is not an object', { days: ['пн-пт'] }, /^workingHours\.days\.0: /],
      ['a day with no weekdays', { days: [{ weekdays: [], from: '09:00', to: '18:00' }] }, /^workingHours\.days\.0\.weekdays: /],
      ['a day ending before it starts', { days: [{ weekdays: [1], from: '18:00', to: '09:00' }] }, /^workingHours\.days\.0\.to: /],
      ['a bad break', { days: [{ weekdays: [1], from: '09:00', to: '18:00', breaks: [{ from: '13:00' }] }] }, /^workingHours\.days\.0\.breaks\.0\.to: /],
      ['an unknown zone', { timeZone: 'Mars/Olympus', days: [{ weekdays: [1], from: '09:00', to: '18:00' }] }, /^workingHours\.timeZone: /],
    ])('answers 400 naming the field for %s', async (_, hours, field) => {
      const response = await put(hours);
      expect(response.status).toBe(400);
      expect(await messages(response)).toEqual(expect.arrayContaining([expect.stringMatching(field)]));
    });

    it('answers 400 naming the record and field when an import has such hours', async () => {
      const response = await http('/v1/agencies/import', { method: 'POST', body: `[${body({ days: [] })}]` });
      expect(response.status).toBe(400);
      expect(await messages(response)).toEqual([expect.stringMatching(/^body\[0\]\.workingHours\.days: /)]);
    });

    it('answers 422 when neither the hours nor the territory give a time zone', async () => {
      const territory = await http('/v1/territories/99:zoneless', { method: 'PUT', body: JSON.stringify({ code: '99:zoneless', codeScheme: 'local', name: 'Без пояса', kind: 'region' }) });
      expect(territory.status).toBe(200);
      const response = await put({ days: [{ weekdays: [1], from: '09:00', to: '18:00' }] }, { territoryCode: '99:zoneless' });
      expect(response.status).toBe(422);
      expect(await messages(response)).toEqual([expect.stringMatching(/workingHours\.timeZone: /)]);
    });
  });

  describe('who may call', () => {
    const as = (caller: Parameters<typeof authHeader>[0]) => ({ headers: authHeader(caller) });
    const nevsky = { role: 'agency' as const, agencyId: 'spb-zha-nevsky' };

    it('answers 401 without a token', async () => {
      for (const path of ['/v1/agencies', '/v1/rules', '/v1/incidents/78-2026-000001', '/v1/misroutes/summary']) {
        expect((await fetch(`${service.baseUrl}${path}`)).status).toBe(401);
      }
      expect((await fetch(`${service.baseUrl}/v1/agencies/x-3`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(401);
    });

    it('answers 403 when a role other than admin changes the directory', async () => {
      for (const role of ['operator', 'supervisor', 'integration', 'service'] as const) {
        expect((await http('/v1/agencies/spb-zha-nevsky', { method: 'PUT', body: '{}', ...as({ role }) })).status).toBe(403);
        expect((await http('/v1/directory/import-seeds', { method: 'POST', ...as({ role }) })).status).toBe(403);
      }
      expect((await http('/v1/agencies/spb-zha-nevsky', { method: 'PUT', body: '{}', ...as(nevsky) })).status).toBe(403);
      expect((await http('/v1/rules', as({ role: 'integration' }))).status).toBe(403);
    });

    it('shows agency staff their own agency and incidents only', async () => {
      const listed = (await (await http('/v1/agencies', as(nevsky))).json()) as { id: string }[];
      expect(listed.map((a) => a.id)).toEqual(['spb-zha-nevsky']);
      expect((await http('/v1/agencies/spb-zha-nevsky', as(nevsky))).status).toBe(200);
      expect((await http('/v1/agencies/spb-tek', as(nevsky))).status).toBe(403);
      expect((await http('/v1/rules', as(nevsky))).status).toBe(403);
      expect((await http('/v1/misroutes/summary', as(nevsky))).status).toBe(403);
      const routed = payloadOf<{ number: string; agencyId: string }>(tap.messages.find((m) => m.topic === TOPICS.incidentRouted && withPost('post-1')(m)) ?? tap.messages[0]);
      expect(routed.agencyId).toBe('spb-zha-nevsky');
      expect((await http(`/v1/incidents/${routed.number}`, as(nevsky))).status).toBe(200);
      expect((await http(`/v1/incidents/${routed.number}`, as({ role: 'agency', agencyId: 'spb-tek' }))).status).toBe(404);
      expect((await http('/v1/incidents/by-post/post-1', as({ role: 'agency', agencyId: 'spb-tek' }))).status).toBe(404);
    });

    it('answers 413, not 5xx, to a body past the size limit', async () => {
      const response = await http('/v1/agencies/import', { method: 'POST', body: JSON.stringify([{ id: 'x'.repeat(200_000) }]) });
      expect(response.status).toBe(413);
    });

    it('declares the bearer scheme and the 401 and 403 of every operation in its OpenAPI document', async () => {
      expect(await openApiSecurityGaps(service.baseUrl)).toEqual([]);
      const document = (await (await fetch(`${service.baseUrl}/docs-json`)).json()) as { paths: Record<string, Record<string, { responses: object }>> };
      expect(Object.keys(document.paths['/v1/agencies/{id}'].put.responses)).toEqual(expect.arrayContaining(['400', '401', '403', '404', '409', '422']));
    });
  });
});
