import { TOPICS } from '@otklik/contracts';
import { EventPublisher, EventTap } from '@otklik/messaging';
import { DeskClient, waitFor } from '@otklik/testing';
import { armed, breached, classified, Fixture, met, minutes, paused, postReceived, resumed, routed } from '../testing/event-fixtures';
import { DeskUnderTest, startDesk } from '../testing/desk-test-app';
import { IncidentDetail } from './incident.presenter';
import { IncidentPage } from './incidents.service';

const T0 = new Date(Date.now() - 30 * 60_000);
/**
 * Dashboards count "today" in DESK_TIME_ZONE. The fixtures happen in the last half hour, so a run
 * just after local midnight would put them on yesterday: the test uses a fixed-offset zone in
 * which it is midday now.
 */
const MIDDAY_ZONE = (() => {
  const offset = 12 - new Date().getUTCHours();
  return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
})();
const DUE = new Date(Date.now() + 3 * 3_600_000);

describe('incident read model and actions (real broker and database)', () => {
  let desk: DeskUnderTest;
  let operator: DeskClient;
  let gzhi: DeskClient;
  let vodokanal: DeskClient;
  let tap: EventTap;

  const publish = (f: Fixture, key: string): Promise<void> => desk.service.app.get(EventPublisher).send(f.topic, f.envelope, key);
  const detail = (client: DeskClient, id: string) => client.get<IncidentDetail>(`/api/v1/incidents/${id}`);

  beforeAll(async () => {
    desk = await startDesk('desk-incidents', { env: { DESK_TIME_ZONE: MIDDAY_ZONE } });
    tap = await desk.service.tap([TOPICS.incidentAcknowledged, TOPICS.agencyAnswered, TOPICS.operatorActionRequested, TOPICS.classificationCorrected]);
    [operator, gzhi, vodokanal] = await Promise.all([desk.user('op1', 'operator'), desk.user('gzhi1', 'agency', 'gzhi'), desk.user('voda1', 'agency', 'vodokanal')]);
    const events: [Fixture, string][] = [
      [postReceived('p1', 'Во дворе на Невском третий день нет отопления, батареи холодные', T0), 'p1'],
      [classified('p1', 'housing.heating', 0.41, minutes(T0, 1)), 'p1'],
      [routed('101', ['p1'], 'gzhi', minutes(T0, 2)), '101'],
      [armed('101', 'gzhi', DUE, minutes(T0, 3)), '101'],
      [postReceived('p2', 'Огромная яма на дороге у школы', T0, { geo: { lat: 51.73, lon: 36.19 } }), 'p2'],
      [classified('p2', 'roads.surface', 0.93, minutes(T0, 1), { place: { territoryCode: '38701000', name: 'Курск' } }), 'p2'],
      [routed('102', ['p2'], 'vodokanal', minutes(T0, 2), { topicCode: 'roads.surface', place: { territoryCode: '38701000', name: 'Курск' }, regionCode: '38' }), '102'],
      [armed('102', 'vodokanal', minutes(T0, 10), minutes(T0, 3)), '102'],
      [breached('102', 'vodokanal', minutes(T0, 10), minutes(T0, 11)), '102'],
      [postReceived('p3', 'Спасибо за уборку снега', T0), 'p3'],
      [postReceived('p4', 'Вторая жалоба про отопление', T0), 'p4'],
      [routed('103', ['p3', 'p4'], 'gzhi', minutes(T0, 2), { coExecutorIds: ['vodokanal'] }), '103'],
    ];
    for (const [event, key] of events) await publish(event, key);
    await waitFor(
      'all three incidents in the read model',
      async () => {
        const page = await operator.get<IncidentPage>('/api/v1/incidents?limit=10');
        // Each incident's last event folded in: events of different topics arrive in any order.
        const folded: Record<string, (i: IncidentPage['items'][number]) => boolean> = {
          '101': (i) => i.reviewNeeded && i.clocks.length === 1,
          '102': (i) => i.clocks[0]?.status === 'breached',
          '103': () => true,
        };
        const ready = page.body.items.filter((i) => i.summary && folded[i.incidentId]?.(i));
        return ready.length === 3 ? page : undefined;
      },
      45000,
      250,
    );
    // 103's second post (p4) is folded in when its words are searchable.
    await waitFor(
      'both posts of 103 in the read model',
      async () => {
        const found = await operator.get<IncidentPage>(`/api/v1/incidents?q=${encodeURIComponent('вторая жалоба')}`);
        return found.body.items.some((i) => i.incidentId === '103') || undefined;
      },
      45000,
      250,
    );
  }, 180_000);

  afterAll(async () => {
    await tap?.close();
    await desk?.close();
    delete process.env.DESK_TIME_ZONE;
  });

  it("builds the incident with its whole timeline from the pipeline's events", async () => {
    const answer = await detail(operator, '101');
    expect(answer.status).toBe(200);
    const incident = answer.body;
    expect(incident).toEqual(expect.objectContaining({ number: '78-2026-000101', state: 'routed', agencyId: 'gzhi', topicName: 'Отопление', reviewNeeded: true }));
    expect(incident.routing?.explanation).toContain('правило 12');
    expect(incident.classification?.explanation.rules).toEqual(['kind:complaint-verb']);
    expect(incident.clocks).toEqual([expect.objectContaining({ status: 'running', dueAt: DUE.toISOString() })]);
    expect(incident.posts[0]).toEqual(expect.objectContaining({ postId: 'p1', author: { pseudonym: 'ps-p1', displayName: 'Иван П.' } }));
    expect(incident.timeline.map((e) => e.type)).toEqual(['post.received', 'incident.classified', 'incident.routed', 'sla.armed']);
  });

  it('searches word forms, filters and fills the queues', async () => {
    const search = async (q: string) => (await operator.get<IncidentPage>(`/api/v1/incidents?q=${encodeURIComponent(q)}`)).body.items.map((i) => i.incidentId).sort();
    expect(await search('отоплением')).toEqual(['101', '103']);
    expect(await search('Холодная батареи')).toEqual(['101']);
    expect(await search('78-2026-000102')).toEqual(['102']);
    const roads = await operator.get<IncidentPage>('/api/v1/incidents?categoryCode=roads&territory=387');
    expect(roads.body.items.map((i) => i.incidentId)).toEqual(['102']);
    const queues = await operator.get<Record<string, number>>('/api/v1/incidents/queues');
    expect(queues.body).toEqual({ new: 3, low_confidence: 1, overdue: 1 });
    const overdue = await operator.get<IncidentPage>('/api/v1/incidents?queue=overdue');
    expect(overdue.body.items.map((i) => i.incidentId)).toEqual(['102']);
    const map = await operator.get<{ incidentId: string; overdue: boolean }[]>('/api/v1/incidents/map');
    expect(map.body).toEqual(expect.arrayContaining([expect.objectContaining({ incidentId: '102', overdue: true })]));
  });

  it("shows agency staff only their agency's incidents, co-executed ones included", async () => {
    const mine = await gzhi.get<IncidentPage>('/api/v1/incidents?sort=due');
    expect(mine.body.items.map((i) => i.incidentId).sort()).toEqual(['101', '103']);
    const asked = await gzhi.get<IncidentPage>('/api/v1/incidents?agencyId=vodokanal');
    expect(asked.body.items.map((i) => i.incidentId)).toEqual(['103']);
    expect((await detail(gzhi, '102')).status).toBe(404);
    expect((await gzhi.get<Record<string, number>>('/api/v1/incidents/queues')).body.overdue).toBe(0);
    const own = await detail(gzhi, '101');
    expect(own.body.posts[0]?.author).toEqual({ pseudonym: 'ps-p1' });
  });

  it("refuses every action on another agency's incident, and answering as a co-executor", async () => {
    expect((await gzhi.post('/api/v1/incidents/102/acknowledge', {})).status).toBe(404);
    expect((await gzhi.post('/api/v1/incidents/102/answers', { kind: 'final', text: 'Сделано' })).status).toBe(404);
    expect((await gzhi.post('/api/v1/incidents/102/return', { reason: 'Не наше' })).status).toBe(404);
    expect((await vodokanal.post('/api/v1/incidents/103/answers', { kind: 'final', text: 'Сделано' })).status).toBe(403);
    expect((await gzhi.post('/api/v1/incidents/101/dismiss', { reason: 'Дубликат' })).status).toBe(403);
    expect((await operator.post('/api/v1/incidents/101/acknowledge', {})).status).toBe(403);
    expect((await detail(vodokanal, '102')).body.acknowledgedAt).toBeUndefined();
  });

  it('names the bad field: 400 for malformed input, 422 for impossible input, never 500', async () => {
    const cases: [string, unknown, number, RegExp][] = [
      ['/api/v1/incidents/101/answers', { kind: 'interim', text: 'Проверим' }, 400, /promisedBy/],
      ['/api/v1/incidents/101/answers', { kind: 'interim', text: 'Проверим', promisedBy: '2020-01-01T00:00:00Z' }, 422, /promisedBy: must be in the future/],
      ['/api/v1/incidents/101/answers', { kind: 'final', text: 'ok', photos: ['javascript:alert(1)'] }, 400, /photo/],
      ['/api/v1/incidents/101/answers', { kind: 'final', text: 'ok', extra: 1 }, 400, /extra/],
      ['/api/v1/incidents/101/answers', { kind: 'maybe', text: 'ok' }, 400, /kind/],
    ];
    for (const [path, body, status, message] of cases) {
      const answer = await gzhi.post(path, body);
      expect([answer.status, JSON.stringify(answer.body)]).toEqual([status, expect.stringMatching(message)]);
    }
    expect((await operator.get('/api/v1/incidents?limit=1000')).status).toBe(400);
    expect((await operator.get('/api/v1/incidents?state=lost')).status).toBe(422);
    expect((await operator.post('/api/v1/incidents/101/merge', { reason: 'тот же', targetIncidentId: '101' })).status).toBe(422);
    expect((await operator.post('/api/v1/incidents/103/split', { reason: 'разные', postIds: ['p3', 'p4'] })).status).toBe(422);
    expect((await operator.post('/api/v1/incidents/101/classification', { topicCode: 'housing.unicorns' })).status).toBe(422);
    expect((await operator.post('/api/v1/incidents/nope/dismiss', { reason: 'нет такого' })).status).toBe(404);
  });

  it('stores uploaded photos checked by their bytes and serves them publicly', async () => {
    const pngBytes = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const stored = await gzhi.post<{ url: string }>('/api/v1/photos', pngBytes, { 'content-type': 'image/png' });
    expect(stored.status).toBe(201);
    const path = new URL(stored.body.url).pathname;
    const fetched = await fetch(`${desk.service.baseUrl}${path}`);
    expect([fetched.status, fetched.headers.get('content-type')]).toEqual([200, 'image/png']);
    expect(Buffer.from(await fetched.arrayBuffer())).toEqual(pngBytes);
    const svg = await gzhi.post('/api/v1/photos', Buffer.from('<svg onload="alert(1)"/>'), { 'content-type': 'image/png' });
    expect([svg.status, JSON.stringify(svg.body)]).toEqual([422, expect.stringContaining('not a JPEG, PNG or WebP')]);
    const mislabelled = await gzhi.post('/api/v1/photos', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0]), { 'content-type': 'image/png' });
    expect([mislabelled.status, JSON.stringify(mislabelled.body)]).toEqual([422, expect.stringContaining('Content-Type')]);
    expect((await gzhi.post('/api/v1/photos', 'plain words', { 'content-type': 'text/plain' })).status).toBe(422);
    expect((await fetch(`${desk.service.baseUrl}/media/photos/not-a-uuid`)).status).toBe(400);
  });

  it("sends an operator's correction to the classifier and a merge request to the router, shown in the history at once", async () => {
    const corrected = await operator.post<{ eventId: string }>('/api/v1/incidents/101/classification', { topicCode: 'housing.water_supply', urgency: 'high' });
    expect(corrected.status).toBe(202);
    const event = await tap.waitFor(TOPICS.classificationCorrected, (m) => (m.json as { id: string }).id === corrected.body.eventId);
    expect((event.json as { payload: object }).payload).toEqual(
      expect.objectContaining({
        postId: 'p1',
        incidentId: '101',
        topicCode: 'housing.water_supply',
        urgency: 'high',
        text: 'Во дворе на Невском третий день нет отопления, батареи холодные',
      }),
    );
    const after = (await detail(operator, '101')).body;
    expect(after).toEqual(expect.objectContaining({ topicCode: 'housing.water_supply', urgency: 'high', reviewNeeded: false }));
    expect(after.timeline.at(-1)?.type).toBe('classification.corrected');
    const merge = await operator.post<{ eventId: string }>('/api/v1/incidents/103/merge', { reason: 'та же проблема', targetIncidentId: '78-2026-000101' });
    expect(merge.status).toBe(202);
    const requested = await tap.waitFor(TOPICS.operatorActionRequested, (m) => (m.json as { id: string }).id === merge.body.eventId);
    expect((requested.json as { payload: object }).payload).toEqual(expect.objectContaining({ action: 'merge', targetIncidentId: '101' }));
    expect((await detail(operator, '103')).body.pendingAction).toEqual(expect.objectContaining({ action: 'merge' }));
  });

  it("carries an agency's acknowledgement and answer to the pipeline; the clock stops when the tracker says so", async () => {
    expect((await gzhi.post('/api/v1/incidents/101/acknowledge', { note: 'Бригада выехала' })).status).toBe(202);
    expect((await gzhi.post('/api/v1/incidents/101/acknowledge', {})).status).toBe(409);
    const answered = await gzhi.post<{ eventId: string }>('/api/v1/incidents/101/answers', { kind: 'final', text: 'Отопление восстановлено', photos: ['https://example.org/1.jpg'] });
    expect(answered.status).toBe(202);
    const event = await tap.waitFor(TOPICS.agencyAnswered, (m) => (m.json as { id: string }).id === answered.body.eventId);
    expect((event.json as { payload: object }).payload).toEqual(expect.objectContaining({ kind: 'final', agencyId: 'gzhi', photos: [{ type: 'photo', url: 'https://example.org/1.jpg' }] }));
    await publish(met('101', 'gzhi', DUE, new Date()), '101');
    const stopped = await waitFor(
      'the clock to stop',
      async () => {
        const incident = (await detail(gzhi, '101')).body;
        return incident.clocks[0]?.status === 'met' ? incident : undefined;
      },
      20000,
      200,
    );
    expect(stopped.state).toBe('answered');
    expect(stopped.answers[0]?.text).toBe('Отопление восстановлено');
    expect(stopped.nextDueAt).toBeUndefined();
  });

  it('lets the holding agency ask the citizen to clarify and an operator record that the answer came', async () => {
    expect((await gzhi.post('/api/v1/incidents/102/clarification', { reason: 'Уточните адрес' })).status).toBe(404);
    const asked = await vodokanal.post<{ eventId: string }>('/api/v1/incidents/102/clarification', { reason: 'Уточните адрес ямы' });
    expect(asked.status).toBe(202);
    const event = await tap.waitFor(TOPICS.operatorActionRequested, (m) => (m.json as { id: string }).id === asked.body.eventId);
    expect((event.json as { payload: object }).payload).toEqual(
      expect.objectContaining({
        action: 'request_clarification',
        reason: 'Уточните адрес ямы',
        actor: expect.objectContaining({ role: 'agency', agencyId: 'vodokanal' }),
      }),
    );
    expect((await detail(operator, '102')).body.clarification).toEqual(expect.objectContaining({ reason: 'Уточните адрес ямы' }));
    expect((await vodokanal.post('/api/v1/incidents/102/clarification', { reason: 'Ещё раз' })).status).toBe(409);
    expect((await operator.post('/api/v1/incidents/102/clarification/received', { reason: 'Заявитель: у школы № 5' })).status).toBe(202);
    expect((await detail(operator, '102')).body.clarification).toBeUndefined();
    expect((await operator.post('/api/v1/incidents/102/clarification/received', { reason: 'Ещё раз' })).status).toBe(409);
  });

  it('counts the dashboards from the events: volume, on-time share, breaches today', async () => {
    const dashboard = await operator.get<{
      volume: { total: number; byCategory: { categoryCode: string; count: number }[] };
      onTime: { agencyId: string; share: number }[];
      breachesToday: { total: number };
    }>('/api/v1/dashboards');
    expect(dashboard.status).toBe(200);
    expect(dashboard.body.volume.total).toBe(3);
    expect(dashboard.body.volume.byCategory).toEqual(
      expect.arrayContaining([
        { categoryCode: 'housing', name: 'ЖКХ', count: 2 },
        { categoryCode: 'roads', name: 'Дороги', count: 1 },
      ]),
    );
    expect(dashboard.body.onTime).toEqual([expect.objectContaining({ agencyId: 'gzhi', onTime: 1, share: 1 })]);
    expect(dashboard.body.breachesToday.total).toBe(1);
    expect((await gzhi.get('/api/v1/dashboards')).status).toBe(403);
    expect((await operator.get('/api/v1/dashboards?from=2026-13-01')).status).toBe(400);
  });

  it('takes a paused clock out of the overdue queue and the map, and puts it back with its deadline when it resumes', async () => {
    const overdueNow = async () => ({
      queue: (await operator.get<Record<string, number>>('/api/v1/incidents/queues')).body.overdue,
      map: (await operator.get<{ incidentId: string; overdue: boolean }[]>('/api/v1/incidents/map')).body.find((i) => i.incidentId === '102')?.overdue,
    });
    const clockOf102 = (status: string) =>
      waitFor(
        `the clock of 102 ${status}`,
        async () => {
          const clock = (await detail(operator, '102')).body.clocks[0];
          return clock?.status === status ? clock : undefined;
        },
        30_000,
        250,
      );
    await publish(paused('102', 'vodokanal', minutes(T0, 20), 'awaiting_clarification', 10), '102');
    expect(await clockOf102('paused')).toMatchObject({ pause: { since: minutes(T0, 20).toISOString(), reason: 'awaiting_clarification', resumesAs: 'breached' } });
    expect(await overdueNow()).toEqual({ queue: 0, map: false });
    await publish(resumed('102', 'vodokanal', minutes(T0, 10), minutes(T0, 25)), '102');
    expect(await clockOf102('breached')).toMatchObject({ dueAt: minutes(T0, 10).toISOString() });
    expect(await overdueNow()).toEqual({ queue: 1, map: true });
  });
});
