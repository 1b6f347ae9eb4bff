import { DeliveryStore, NewDelivery } from '../delivery-log/delivery-log.store';

/** The behaviour every DeliveryStore must have; run against memory (unit) and MongoDB (integration). */
export function deliveryStoreContract(makeStore: () => Promise<DeliveryStore> | DeliveryStore): void {
  const t0 = new Date('2026-03-02T09:00:00Z');
  const at = (ms: number) => new Date(t0.getTime() + ms);
  const delivery = (over: Partial<NewDelivery> = {}): NewDelivery => ({
    eventId: 'ev-1',
    recipient: 'agency:ag-1/mail',
    channel: 'email',
    address: 'duty@ag.test',
    kind: 'incident.routed',
    incidentId: 'inc-1',
    message: { subject: 'Тема', text: 'Текст' },
    notBefore: t0,
    ...over,
  });
  let store: DeliveryStore;

  beforeEach(async () => {
    store = await makeStore();
  });

  it('stores one delivery per (event, recipient, channel), however often it is enqueued', async () => {
    const first = await store.insertIfAbsent(delivery(), t0);
    const again = await store.insertIfAbsent(delivery({ message: { text: 'other' } }), at(1000));
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ created: false, record: { id: first.record.id, message: { text: 'Текст' } } });
    const otherChannel = await store.insertIfAbsent(delivery({ channel: 'telegram' }), t0);
    expect(otherChannel.created).toBe(true);
    expect(await store.list({ eventId: 'ev-1', limit: 10 })).toHaveLength(2);
  });

  it('lets exactly one of two concurrent claims win', async () => {
    const { record } = await store.insertIfAbsent(delivery(), t0);
    const claims = await Promise.all([store.claim(record.id, t0, 60_000), store.claim(record.id, t0, 60_000)]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(claims.find(Boolean)).toMatchObject({ status: 'sending', attempts: 1 });
  });

  it('does not claim before notBefore, and claims again only after the lease expires', async () => {
    const { record } = await store.insertIfAbsent(delivery({ notBefore: at(5000) }), t0);
    expect(await store.claim(record.id, t0, 1000)).toBeUndefined();
    expect(await store.claim(record.id, at(5000), 1000)).toMatchObject({ attempts: 1 });
    expect(await store.claim(record.id, at(5500), 1000)).toBeUndefined();
    expect(await store.claim(record.id, at(6000), 1000)).toMatchObject({ attempts: 2 });
  });

  it('records retries, success and failure with the attempt count', async () => {
    const { record } = await store.insertIfAbsent(delivery(), t0);
    await store.claim(record.id, t0, 1000);
    await store.markRetry(record.id, at(30_000), 'smtp 451', at(10));
    expect(await store.findDue(at(29_999), 10)).toEqual([]);
    expect(await store.findDue(at(30_000), 10)).toEqual([record.id]);
    await store.claim(record.id, at(30_000), 1000);
    const sent = await store.markSent(record.id, '<id@x>', at(30_100));
    expect(sent).toMatchObject({ status: 'sent', attempts: 2, externalId: '<id@x>', sentAt: at(30_100) });
    expect(await store.claim(record.id, at(99_999), 1000)).toBeUndefined();
  });

  it('keeps failed deliveries as a dead-letter list that an operator can release', async () => {
    const { record } = await store.insertIfAbsent(delivery(), t0);
    await store.claim(record.id, t0, 1000);
    await store.markFailed(record.id, 'telegram 403: bot was blocked', at(10));
    expect((await store.list({ status: 'failed', limit: 10 })).map((r) => r.lastError)).toEqual(['telegram 403: bot was blocked']);
    expect(await store.release(record.id, at(20))).toMatchObject({ status: 'pending', notBefore: at(20) });
    expect(await store.claim(record.id, at(20), 1000)).toMatchObject({ attempts: 2 });
  });

  it('stores a held delivery as held and never finds it due until released', async () => {
    const { record } = await store.insertIfAbsent(delivery({ held: true, recipient: 'post:p1', channel: 'vk' }), t0);
    expect(record.status).toBe('held');
    expect(await store.findDue(at(1e9), 10)).toEqual([]);
    await store.release(record.id, at(100));
    expect(await store.findDue(at(100), 10)).toEqual([record.id]);
  });

  it('keeps the post reference of a reply without inventing fields', async () => {
    const replyTo = { postId: 'p1', platform: 'vk' as const, externalId: '-1_5', communityId: '-1' };
    const { record } = await store.insertIfAbsent(delivery({ channel: 'vk', recipient: 'post:p1', message: { text: 't', replyTo } }), t0);
    expect((await store.get(record.id))?.message.replyTo).toEqual(replyTo);
  });

  it('keeps finished deliveries in the outbox until their outcome is reported', async () => {
    const { record } = await store.insertIfAbsent(delivery(), t0);
    expect(await store.findUnreported(10)).toEqual([]);
    await store.claim(record.id, t0, 1000);
    await store.markSent(record.id, undefined, at(5));
    expect((await store.findUnreported(10)).map((r) => r.id)).toEqual([record.id]);
    await store.markReported(record.id);
    expect(await store.findUnreported(10)).toEqual([]);
  });

  it('purges finished, reported deliveries past the cutoff and keeps held, unreported and newer ones', async () => {
    const sent = (await store.insertIfAbsent(delivery({ eventId: 'ev-sent' }), t0)).record;
    await store.claim(sent.id, t0, 1000);
    await store.markSent(sent.id, undefined, at(5));
    await store.markReported(sent.id);
    const unreported = (await store.insertIfAbsent(delivery({ eventId: 'ev-unreported' }), t0)).record;
    await store.claim(unreported.id, t0, 1000);
    await store.markFailed(unreported.id, 'smtp 550', at(5));
    const held = (await store.insertIfAbsent(delivery({ eventId: 'ev-held', held: true }), t0)).record;
    expect(await store.purgeFinishedBefore(at(1))).toBe(0);
    expect(await store.purgeFinishedBefore(at(10))).toBe(1);
    expect(await store.get(sent.id)).toBeUndefined();
    expect(await store.get(unreported.id)).toBeDefined();
    expect(await store.get(held.id)).toBeDefined();
  });

  it('lists by incident, newest first, paged by time', async () => {
    for (let i = 0; i < 3; i++) await store.insertIfAbsent(delivery({ eventId: `ev-${i}` }), at(i * 1000));
    const page = await store.list({ incidentId: 'inc-1', limit: 2 });
    expect(page.map((r) => r.eventId)).toEqual(['ev-2', 'ev-1']);
    expect((await store.list({ incidentId: 'inc-1', limit: 2, before: page[1].updatedAt })).map((r) => r.eventId)).toEqual(['ev-0']);
  });
}
