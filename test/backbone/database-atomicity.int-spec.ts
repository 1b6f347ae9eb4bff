import mongoose from 'mongoose';
import { isolateInfra, IsolatedInfra } from '@otklik/testing';

/**
 * What the services' counters and claims rely on from the database: a single update is atomic.
 * MongoDB guarantees it; the local FerretDB does only with the project's serialise-updates patch
 * (without it 80 concurrent increments of 20 counters stored 36–43).
 */
describe('database: concurrent updates of one document', () => {
  let infra: IsolatedInfra;
  let connection: mongoose.Connection;
  let collection: mongoose.mongo.Collection<{ key: string; count?: number; marks?: string[] }>;
  const keys = Array.from({ length: 20 }, (_, i) => `k${i}`);
  const fourTimes = <T>(run: (key: string) => Promise<T>) => Promise.allSettled(keys.flatMap((key) => [1, 2, 3, 4].map(() => run(key))));

  beforeAll(async () => {
    infra = isolateInfra('db-atomicity');
    connection = await mongoose.createConnection(infra.mongoUri, { dbName: infra.database, maxPoolSize: 10 }).asPromise();
    collection = connection.db!.collection('counters');
    await collection.createIndex({ key: 1 }, { unique: true });
  });

  afterAll(async () => {
    await connection?.close();
    await infra?.cleanup();
  });

  beforeEach(() => collection.deleteMany({}));

  it('loses no concurrent $inc', async () => {
    await collection.insertMany(keys.map((key) => ({ key, count: 0 })));
    const results = await fourTimes((key) => collection.updateOne({ key }, { $inc: { count: 1 } }));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect((await collection.find({}).toArray()).map((d) => d.count)).toEqual(keys.map(() => 4));
  });

  it('lets concurrent upserts of one new key insert once and count every one', async () => {
    const results = await fourTimes((key) => collection.updateOne({ key }, { $inc: { count: 1 } }, { upsert: true }));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect((await collection.find({}).sort({ key: 1 }).toArray()).map((d) => [d.key, d.count])).toEqual([...keys].sort().map((key) => [key, 4]));
  });

  it('lets exactly one of concurrent conditional updates win', async () => {
    await collection.insertMany(keys.map((key) => ({ key, marks: [] })));
    const results = await fourTimes((key) => collection.updateOne({ key, marks: { $ne: 'counted' } }, { $addToSet: { marks: 'counted' } }));
    const wins = results.map((r) => (r.status === 'fulfilled' ? r.value.modifiedCount : -1));
    expect(wins.reduce((sum, n) => sum + n, 0)).toBe(keys.length);
  });
});
