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
});
