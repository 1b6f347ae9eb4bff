import mongoose, { Connection } from 'mongoose';
import { IsolatedInfra, isolateInfra } from '@otklik/testing';
import { ClockStore, DEFAULT_CLOCK_COLLECTIONS } from './clock.store';

describe('the clock collections of a database', () => {
  let infra: IsolatedInfra;
  let connection: Connection;
  const db = () => {
    if (!connection.db) throw new Error('not connected');
    return connection.db;
  };

  beforeAll(async () => {
    infra = isolateInfra('sla-layout');
    connection = await mongoose.createConnection(infra.mongoUri, { dbName: infra.database, maxPoolSize: 4 }).asPromise();
  });

  afterAll(async () => {
    await connection?.close();
    await infra?.cleanup();
  });

  it('starts a new database with the default count, keeps it when the setting is left out, and refuses another', async () => {
    const first = new ClockStore(db());
    await first.init();
    expect(first.collections).toHaveLength(DEFAULT_CLOCK_COLLECTIONS);

    const again = new ClockStore(db());
    await again.init();
    expect(again.collections).toHaveLength(DEFAULT_CLOCK_COLLECTIONS);
    expect(again.shardOf('incident-1').collectionName).toBe(first.shardOf('incident-1').collectionName);

    await expect(new ClockStore(db(), 8).init()).rejects.toThrow(`SLA_CLOCK_COLLECTIONS=8: this database keeps its clocks in ${DEFAULT_CLOCK_COLLECTIONS} collections`);
  });
});
