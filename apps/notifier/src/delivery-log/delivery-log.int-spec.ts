import mongoose, { Connection } from 'mongoose';
import { IsolatedInfra, isolateInfra } from '@otklik/testing';
import { deliveryStoreContract } from '../testing/delivery-store-contract';
import { MongoDeliveryStore } from './delivery-log.mongo';
import { DELIVERIES_COLLECTION } from './delivery-log.schema';

describe('MongoDeliveryStore on the real database', () => {
  let infra: IsolatedInfra;
  let connection: Connection;

  beforeAll(async () => {
    infra = isolateInfra('notifier-log');
    connection = await mongoose.createConnection(infra.mongoUri, { dbName: infra.database, maxPoolSize: 5 }).asPromise();
  });
  afterAll(async () => {
    await connection?.close();
    await infra?.cleanup();
  });

  deliveryStoreContract(async () => {
    await connection.db?.collection(DELIVERIES_COLLECTION).deleteMany({});
    await connection.db?.collection('notifier_delivery_claims').deleteMany({});
    const store = new MongoDeliveryStore(connection);
    await store.init();
    return store;
  });

  it('has the unique index on (eventId, recipient, channel)', async () => {
    const indexes = await connection.db?.collection(DELIVERIES_COLLECTION).indexes();
    expect(indexes?.find((i) => i.name === 'delivery_triple_unique')).toMatchObject({ unique: true, key: { eventId: 1, recipient: 1, channel: 1 } });
  });
  it('polls only the deliveries still open, and enters those a log from before the open set holds', async () => {
    const deliveries = connection.db!.collection(DELIVERIES_COLLECTION);
    const open = connection.db!.collection('notifier_open_deliveries');
    const t0 = new Date('2026-12-01T09:00:00Z');
    const message = { subject: 'Тема', text: 'Текст' };
    const store = new MongoDeliveryStore(connection);
    await store.init();
    const sent = await store.insertIfAbsent({ eventId: 'e-open-1', recipient: 'a@example.org', channel: 'email', address: 'a@example.org', kind: 'incident.routed', message, notBefore: t0 }, t0);
    await store.claim(sent.record.id, t0, 60_000);
    await store.markSent(sent.record.id, 'mid-1', t0);
    expect((await store.findUnreported(10)).map((d) => d.id)).toContain(sent.record.id);
    await store.markReported(sent.record.id);
    expect(await open.countDocuments({ _id: sent.record.id } as never)).toBe(0);

    // Written by a version without the open set: found once the store starts.
    const { _id: _ignored, ...old } = (await deliveries.findOne({ _id: sent.record.id } as never))!;
    await deliveries.insertOne({ ...old, _id: 'old-pending', eventId: 'e-old', status: 'pending', reported: false } as never);
    await open.deleteMany({});
    const restarted = new MongoDeliveryStore(connection);
    await restarted.init();
    expect(await restarted.findDue(new Date(t0.getTime() + 1000), 10)).toEqual(['old-pending']);
    expect(await open.countDocuments({ _id: { $ne: '#backfilled' } } as never)).toBe(1);
  });
});
