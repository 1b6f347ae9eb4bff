import { EventEnvelope, SurgeEscalatedV2, TOPICS } from '@otklik/contracts';
import { EventPublisher, EventTap } from '@otklik/messaging';
import { DeskClient, waitFor } from '@otklik/testing';
import { DeskUnderTest, startDesk } from '../testing/desk-test-app';
import { Fixture, surgeDetected as surge } from '../testing/event-fixtures';
import { SurgeEscalationService } from './surge-escalation.service';
import { SurgeView } from './surge-queue.service';

/** Half a minute to acknowledge a surge: the queue checks every 7.5 s. */
const ACKNOWLEDGE_MINUTES = '0.5';

describe('surge queue: acknowledgement and escalation (real broker and database)', () => {
  let desk: DeskUnderTest;
  let operator: DeskClient;
  let agency: DeskClient;
  let tap: EventTap;
  let nevsky: Fixture<typeof TOPICS.incidentSurge>;
  let kirov: Fixture<typeof TOPICS.incidentSurge>;

  const publish = (f: Fixture, key: string): Promise<void> => desk.service.app.get(EventPublisher).send(f.topic, f.envelope, key);
  const waiting = async (client: DeskClient) => (await client.get<SurgeView[]>('/api/v1/surges')).body.map((s) => s.surgeId).sort();
  const escalationOf = (surgeId: string) => tap.messages.find((m) => m.topic === TOPICS.surgeEscalated && (m.json as EventEnvelope<SurgeEscalatedV2>).payload.surgeId === surgeId);

  beforeAll(async () => {
    desk = await startDesk('desk-surges', { env: { DESK_SURGE_ACKNOWLEDGE_MINUTES: ACKNOWLEDGE_MINUTES } });
    tap = await desk.service.tap([TOPICS.surgeEscalated]);
    [operator, agency] = await Promise.all([desk.user('op-surge', 'operator'), desk.user('gzhi-surge', 'agency', 'gzhi')]);
    // Nevsky's surge is acknowledged in time; Kirov's reaches desk with its half minute already gone.
    nevsky = surge('40911000', 'Невский район', ['i1', 'i2', 'i3']);
    kirov = surge('40908000', 'Кировский район', ['i4', 'i5', 'i6'], 31_000);
    await publish(nevsky, '40911000|housing.heating');
    await publish(kirov, '40908000|housing.heating');
    await waitFor('both surges in the queue', async () => (await waiting(operator)).length === 2 || undefined, 30000, 100);
  }, 120_000);

  afterAll(async () => {
    await tap?.close();
    await desk?.close();
    delete process.env.DESK_SURGE_ACKNOWLEDGE_MINUTES;
  });

  it('lists a surge with its territory, topic, incidents and the time by which to acknowledge it', async () => {
    const one = await operator.get<SurgeView>(`/api/v1/surges/${nevsky.envelope.id}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ territoryName: 'Невский район', topicCode: 'housing.heating', incidentIds: ['i1', 'i2', 'i3'], status: 'open' });
    expect(Date.parse(one.body.acknowledgeBy) - Date.parse(one.body.detectedAt)).toBe(30_000);
  });

  it('keeps agency staff out of the queue and its acknowledgement', async () => {
    expect((await agency.get('/api/v1/surges')).status).toBe(403);
    expect((await agency.post(`/api/v1/surges/${nevsky.envelope.id}/acknowledge`, {})).status).toBe(403);
  });

  it('records who acknowledged a surge and when, refuses a second acknowledgement and audits both', async () => {
    const before = Date.now();
    const acknowledged = await operator.post<SurgeView>(`/api/v1/surges/${nevsky.envelope.id}/acknowledge`, { note: 'Дежурный связался с теплосетью' });
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body).toMatchObject({ status: 'acknowledged', acknowledged: { name: 'op-surge', role: 'operator', note: 'Дежурный связался с теплосетью' } });
    expect(Date.parse(acknowledged.body.acknowledged?.at ?? '')).toBeGreaterThanOrEqual(before - 1000);
    const again = await desk.admin.post<{ message: string }>(`/api/v1/surges/${nevsky.envelope.id}/acknowledge`, {});
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('already acknowledged by op-surge');
    expect(await waiting(operator)).toEqual([kirov.envelope.id]);
    const audit = await waitFor('both acknowledgements audited', async () => {
      const found = (await desk.admin.get<{ path: string; status: number; actor?: { name: string } }[]>('/api/v1/audit?limit=50')).body.filter(
        (r) => r.path === `/api/v1/surges/${nevsky.envelope.id}/acknowledge`,
      );
      return found.length >= 3 ? found : undefined;
    });
    expect(audit.map((r) => [r.actor?.name, r.status]).sort()).toEqual([
      ['admin', 409],
      ['gzhi-surge', 403],
      ['op-surge', 200],
    ]);
  });

  it('answers 404 for a surge it does not have and 400 naming note when the note is too long', async () => {
    expect((await operator.post('/api/v1/surges/no-such-surge/acknowledge', {})).status).toBe(404);
    const long = await operator.post<{ message: string }>(`/api/v1/surges/${kirov.envelope.id}/acknowledge`, { note: 'x'.repeat(2001) });
    expect(long.status).toBe(400);
    expect(JSON.stringify(long.body)).toContain('note');
  });

  it('escalates the surge nobody acknowledged to the supervisor step, once, and not the acknowledged one', async () => {
    const message = await tap.waitFor(TOPICS.surgeEscalated, (m) => (m.json as EventEnvelope<SurgeEscalatedV2>).payload.surgeId === kirov.envelope.id, 30000);
    const event = message.json as EventEnvelope<SurgeEscalatedV2>;
    expect(event).toMatchObject({ producedBy: 'desk', causationId: kirov.envelope.id, correlationId: kirov.envelope.correlationId });
    expect(event.payload).toMatchObject({ role: 'supervisor', territoryCode: '40908000', incidentIds: ['i4', 'i5', 'i6'] });
    expect(message.key).toBe('40908000|housing.heating');
    // The event leaves through the outbox, and the surge is marked right after: the mark may come second.
    const escalated = await waitFor('the surge marked escalated', async () => {
      const view = (await operator.get<SurgeView>(`/api/v1/surges/${kirov.envelope.id}`)).body;
      return view.status === 'escalated' ? view : undefined;
    });
    expect(escalated).toMatchObject({ status: 'escalated', escalatedAt: expect.any(String) });
    // Another pass long after the deadlines escalates nothing more.
    expect(await desk.service.app.get(SurgeEscalationService).escalateDue(new Date(Date.now() + 3_600_000))).toBe(0);
    expect(escalationOf(nevsky.envelope.id)).toBeUndefined();
    // The outbox publishes at least once: count events, not deliveries.
    expect(new Set(tap.messages.filter((m) => m.topic === TOPICS.surgeEscalated).map((m) => (m.json as EventEnvelope<SurgeEscalatedV2>).id)).size).toBe(1);
  });

  it('still takes an acknowledgement of an escalated surge, which leaves the queue', async () => {
    const acknowledged = await operator.post<SurgeView>(`/api/v1/surges/${kirov.envelope.id}/acknowledge`, {});
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body).toMatchObject({ status: 'acknowledged', escalatedAt: expect.any(String), acknowledged: { name: 'op-surge' } });
    expect(await waiting(operator)).toEqual([]);
    const all = (await operator.get<SurgeView[]>('/api/v1/surges?status=all')).body;
    expect(all.map((s) => s.status)).toEqual(['acknowledged', 'acknowledged']);
  });

  it("changes nothing when the router's surge comes again", async () => {
    await publish(nevsky, '40911000|housing.heating');
    await publish(surge('40911000', 'Невский район', ['i7', 'i8', 'i9']), '40911000|housing.heating');
    await waitFor('the later surge in the queue', async () => (await waiting(operator)).length === 1 || undefined, 30000, 100);
    const first = (await operator.get<SurgeView>(`/api/v1/surges/${nevsky.envelope.id}`)).body;
    expect(first).toMatchObject({ status: 'acknowledged', acknowledged: { name: 'op-surge' }, incidentIds: ['i1', 'i2', 'i3'] });
  });
});
