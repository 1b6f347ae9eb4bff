import mongoose from 'mongoose';
import { isolateInfra, IsolatedInfra } from '@otklik/testing';

type Plan = Record<string, unknown>;

/** Every node type of a plan: PostgreSQL's (FerretDB) `Node Type`s or MongoDB's `stage`s. */
function planNodes(plan: unknown): string[] {
  if (plan === null || typeof plan !== 'object') return [];
  const node = plan as Plan;
  const own = [node['Node Type'], node.stage].filter((v): v is string => typeof v === 'string');
  return [...own, ...Object.values(node).flatMap((v) => (Array.isArray(v) ? v.flatMap(planNodes) : planNodes(v)))];
}

/**
 * What the services' hot paths rely on: a read, update or delete by `_id` is answered from the
 * `_id` index, not by reading the whole collection. MongoDB always does; the local FerretDB does
 * with the project's id-index patch (without it, every look-up by `_id` was a sequential scan).
 */
describe('database: look-ups by _id use the index', () => {
  let infra: IsolatedInfra;
  let connection: mongoose.Connection;
  let collection: mongoose.mongo.Collection<{ _id: string; n: number; tags: string[] }>;

  beforeAll(async () => {
    infra = isolateInfra('db-id-lookups');
    connection = await mongoose.createConnection(infra.mongoUri, { dbName: infra.database, maxPoolSize: 10 }).asPromise();
    collection = connection.db!.collection('documents');
    await collection.insertMany(Array.from({ length: 500 }, (_, n) => ({ _id: `doc-${n}`, n, tags: [`tag-${n % 7}`] })));
  });

  afterAll(async () => {
    await connection?.close();
    await infra?.cleanup();
  });

  const nodesOf = async (filter: mongoose.mongo.Filter<{ _id: string; n: number; tags: string[] }>) => planNodes((await collection.find(filter).explain()).queryPlanner);

  it.each([
    ['a value', { _id: 'doc-42' }],
    ['$eq', { _id: { $eq: 'doc-42' } }],
    ['$in', { _id: { $in: ['doc-1', 'doc-42', 'doc-499'] } }],
    ['a value and another field', { _id: 'doc-42', n: 42 }],
  ])('answers a filter on _id by %s from the index', async (_name, filter) => {
    const nodes = await nodesOf(filter);
    expect(nodes.some((n) => /index|IXSCAN|IDHACK|EXPRESS/i.test(n))).toBe(true);
    expect(nodes).not.toContain('Seq Scan');
    expect(nodes).not.toContain('COLLSCAN');
  });

  it('answers an empty $in without reading the collection', async () => {
    const nodes = await nodesOf({ _id: { $in: [] } });
    expect(nodes).not.toContain('Seq Scan');
    expect(nodes).not.toContain('COLLSCAN');
    expect(await collection.countDocuments({ _id: { $in: [] } })).toBe(0);
  });

  it('finds, updates and deletes exactly the documents the filter names', async () => {
    expect((await collection.find({ _id: { $in: ['doc-1', 'doc-42', 'missing'] } }).toArray()).map((d) => d._id).sort()).toEqual(['doc-1', 'doc-42']);
    expect(await collection.findOne({ _id: 'doc-42', n: 41 })).toBeNull();
    expect((await collection.updateOne({ _id: 'doc-7' }, { $set: { n: -7 } })).modifiedCount).toBe(1);
    expect((await collection.findOne({ _id: 'doc-7' }))?.n).toBe(-7);
    expect((await collection.deleteMany({ _id: { $in: ['doc-8', 'doc-9'] } })).deletedCount).toBe(2);
    expect(await collection.countDocuments({})).toBe(498);
  });

  it('still matches an array field by one of its elements', async () => {
    expect(await collection.countDocuments({ tags: 'tag-3' })).toBe(71);
  });
});
