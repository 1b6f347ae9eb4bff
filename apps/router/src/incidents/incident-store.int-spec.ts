import mongoose, { Connection } from 'mongoose';
import { IsolatedInfra, isolateInfra } from '@otklik/testing';
import { ConcurrentUpdateError, nextVersion } from './incident-store';
import { Incident } from './incident.model';
import { MongoIncidentStore } from './incident.mongo';
import { MongoCounterStore } from './incident-number.mongo';

function incident(id: string, number: string): Incident {
  const at = new Date('2026-01-20T10:00:00Z');
  return {
    id,
    number,
    regionCode: '40',
    topic: 'housing.heating',
    urgency: 'normal',
    territoryPath: ['40:nevsky', '40000000'],
    postIds: [`${id}-p`],
    state: 'new',
    coExecutorIds: [],
    candidates: [],
    suggestions: [],
    returns: [],
    rerouteCount: 0,
    history: [],
    createdAt: at,
    lastPostAt: at,
    version: 1,
  };
}

describe('incident stores on the real database', () => {
  let infra: IsolatedInfra;
  let connection: Connection;

  beforeAll(async () => {
    infra = isolateInfra('router-store');
    connection = await mongoose.createConnection(infra.mongoUri, { dbName: infra.database, maxPoolSize: 4 }).asPromise();
  });

  afterAll(async () => {
    await connection?.close();
    await infra?.cleanup();
  });

  it('hands out distinct incident numbers to concurrent callers', async () => {
    const counters = new MongoCounterStore(connection);
    await counters.init();
    const numbers = await Promise.all(Array.from({ length: 4 }, () => counters.next('incident:40:2026')));
    expect([...numbers].sort((a, b) => a - b)).toEqual([1, 2, 3, 4]);
    expect(await counters.next('incident:38:2026')).toBe(1);
  });

  it('numbers a burst from two router processes without a gap, a repeat or a failure', async () => {
    // Two stores on one database stand for two router replicas; each batches its own callers.
    const [a, b] = [new MongoCounterStore(connection), new MongoCounterStore(connection)];
    const burst = (store: MongoCounterStore) => Array.from({ length: 300 }, () => store.next('incident:78:2027'));
    const numbers = await Promise.all([...burst(a), ...burst(b)]);
    expect([...numbers].sort((x, y) => x - y)).toEqual(Array.from({ length: 600 }, (_, i) => i + 1));
  });

  it('lets exactly one of two concurrent writers of the same version win', async () => {
    const store = new MongoIncidentStore(connection);
    await store.init();
    await store.insert(incident('i-1', '78-2026-900001'), []);
    const a = nextVersion({ ...incident('i-1', '78-2026-900001'), state: 'triage' });
    const b = nextVersion({ ...incident('i-1', '78-2026-900001'), state: 'dismissed' });
    const results = await Promise.allSettled([store.save(a, []), store.save(b, [])]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected?.reason).toBeInstanceOf(ConcurrentUpdateError);
    expect((await store.get('i-1'))?.version).toBe(2);
  });

  it('keeps events in the outbox until they are marked published, and finds the incident by its post', async () => {
    let clock = new Date('2026-01-20T10:00:00Z');
    const store = new MongoIncidentStore(connection, () => clock);
    const event = {
      topic: 'otklik.incident.state-changed.v1' as const,
      key: 'i-2',
      envelope: {
        id: '0190aaaa-0000-7000-8000-000000000001',
        type: 'incident.state-changed',
        schemaVersion: 1,
        occurredAt: '2026-01-20T10:00:00.000Z',
        producedBy: 'router',
        correlationId: 'c',
        payload: {},
      },
    };
    await store.insert(incident('i-2', '78-2026-900002'), [event]);
    expect((await store.pendingOutbox(10)).find((p) => p.incidentId === 'i-2')).toBeUndefined();
    clock = new Date('2026-01-20T10:00:10Z');
    expect((await store.pendingOutbox(10)).find((p) => p.incidentId === 'i-2')?.events.map((e) => e.envelope.id)).toEqual([event.envelope.id]);
    await store.markPublished('i-2', [event.envelope.id]);
    expect((await store.pendingOutbox(10)).find((p) => p.incidentId === 'i-2')).toBeUndefined();
    expect((await store.findByPost('i-2-p'))?.version).toBe(2);
  });

  it('clears the outboxes of new incidents with one claim insert and one bulk write, leaving a version another writer claimed', async () => {
    let clock = new Date('2026-01-20T10:00:00Z');
    const store = new MongoIncidentStore(connection, () => clock);
    const event = (id: string) => ({
      topic: 'otklik.incident.routed.v1' as const,
      key: id,
      envelope: {
        id: `0190aaaa-0000-7000-8000-${id.padStart(12, '0')}`,
        type: 'incident.routed',
        schemaVersion: 1,
        occurredAt: '2026-01-20T10:00:00.000Z',
        producedBy: 'router',
        correlationId: 'c',
        payload: {},
      },
    });
    for (const n of [1, 2, 3]) await store.insert(incident(`n-${n}`, `78-2026-91000${n}`), [event(`n-${n}`)]);
    // A concurrent save of n-3 already holds its next version.
    await store.save(nextVersion({ ...incident('n-3', '78-2026-910003'), state: 'triage' }), []);
    const left = await store.clearInsertedOutboxes([1, 2, 3].map((n) => ({ id: `n-${n}`, version: 1 })));
    expect(left).toEqual(['n-3']);
    clock = new Date('2026-01-20T10:00:10Z');
    const pendingNew = async () => (await store.pendingOutbox(10)).map((p) => p.incidentId).filter((id) => id.startsWith('n-'));
    // The first sweep of a process reads every incident; later ones only those marked as written with events.
    expect(await pendingNew()).toEqual(['n-3']);
    expect(await pendingNew()).toEqual(['n-3']);
    expect([(await store.get('n-1'))?.version, (await store.get('n-2'))?.version]).toEqual([2, 2]);
    await store.markPublished('n-3', [event('n-3').envelope.id]);
    expect(await pendingNew()).toEqual([]);
  });

  describe('look-ups by post and by topic and territory (the index by _id)', () => {
    const at = (iso: string) => new Date(iso);
    const numbers = new Map<string, string>();
    const numberOf = (id: string) => numbers.get(id) ?? numbers.set(id, `78-2026-92${String(numbers.size).padStart(4, '0')}`).get(id)!;
    const open = (id: string, over: Partial<Incident>): Incident => ({ ...incident(id, numberOf(id)), ...over });

    it('finds the open incidents of a topic and territory active since a moment, as the query on the incidents would', async () => {
      const store = new MongoIncidentStore(connection, () => at('2026-01-22T12:00:00Z'));
      await store.init();
      const topic = 'roads.surface';
      await store.insert(open('g-1', { topic, territoryPath: ['40:kirovsky', '40'], createdAt: at('2026-01-18T10:00:00Z'), lastPostAt: at('2026-01-18T10:00:00Z') }), []);
      await store.insert(open('g-2', { topic, territoryPath: ['40:kirovsky', '40'], createdAt: at('2026-01-21T09:00:00Z'), lastPostAt: at('2026-01-21T09:00:00Z') }), []);
      await store.insert(open('g-3', { topic, territoryPath: ['40:kirovsky', '40'], createdAt: at('2026-01-21T10:00:00Z'), lastPostAt: at('2026-01-21T10:00:00Z') }), []);
      await store.insert(open('g-4', { topic, territoryPath: ['40:nevsky', '40'], createdAt: at('2026-01-21T11:00:00Z'), lastPostAt: at('2026-01-21T11:00:00Z') }), []);
      // An old incident kept alive by a later post; one closed; one moved to another topic.
      await store.save(
        nextVersion(open('g-1', { topic, territoryPath: ['40:kirovsky', '40'], createdAt: at('2026-01-18T10:00:00Z'), lastPostAt: at('2026-01-22T08:00:00Z'), postIds: ['g-1-p', 'g-1-q'] })),
        [],
      );
      await store.save(nextVersion(open('g-2', { topic, territoryPath: ['40:kirovsky', '40'], createdAt: at('2026-01-21T09:00:00Z'), lastPostAt: at('2026-01-21T09:00:00Z'), state: 'closed' })), []);
      await store.save(nextVersion(open('g-3', { topic: 'roads.signs', territoryPath: ['40:kirovsky', '40'], createdAt: at('2026-01-21T10:00:00Z'), lastPostAt: at('2026-01-21T10:00:00Z') })), []);

      const since = at('2026-01-20T12:00:00Z');
      expect((await store.findOpen({ topic, territoryCode: '40:kirovsky', since })).map((i) => i.id)).toEqual(['g-1']);
      expect((await store.findOpen({ topic, territoryCode: '40', since })).map((i) => i.id)).toEqual(['g-1', 'g-4']);
      expect((await store.findOpen({ topic: 'roads.signs', territoryCode: '40:kirovsky', since })).map((i) => i.id)).toEqual(['g-3']);
      expect(await store.findOpen({ topic, territoryCode: '40:kirovsky', since: at('2026-01-22T09:00:00Z') })).toEqual([]);
      // Surges count incidents created since the moment, closed ones too, dismissed ones not; an
      // incident moved to another topic still counts under the old one (the index is not re-read).
      await store.insert(open('g-5', { topic, territoryPath: ['40:nevsky', '40'], createdAt: at('2026-01-21T11:30:00Z'), lastPostAt: at('2026-01-21T11:30:00Z') }), []);
      await store.save(nextVersion(open('g-5', { topic, territoryPath: ['40:nevsky', '40'], createdAt: at('2026-01-21T11:30:00Z'), lastPostAt: at('2026-01-21T11:30:00Z'), state: 'dismissed' })), []);
      expect((await store.createdSince(topic, '40', at('2026-01-21T00:00:00Z'), 500)).sort()).toEqual(['g-2', 'g-3', 'g-4']);
      expect((await store.createdSince('roads.signs', '40', at('2026-01-21T00:00:00Z'), 500)).sort()).toEqual(['g-3']);
    });

    it('finds the incident of a post through a merge, and a post moved to another incident', async () => {
      const store = new MongoIncidentStore(connection, () => at('2026-01-22T12:00:00Z'));
      await store.init();
      await store.insert(open('m-1', { postIds: ['m-1-p'] }), []);
      await store.insert(open('m-2', { postIds: ['m-2-p'] }), []);
      await store.save(nextVersion(open('m-1', { postIds: ['m-1-p'], state: 'merged', mergedInto: 'm-2' })), []);
      await store.save(nextVersion(open('m-2', { postIds: ['m-2-p', 'm-1-p'] })), []);
      expect((await store.findByPost('m-1-p'))?.id).toBe('m-2');
      // A split: the post leaves m-2 for a new incident.
      await store.save(nextVersion(nextVersion(open('m-2', { postIds: ['m-2-p'] }))), []);
      await store.insert(open('m-3', { postIds: ['m-1-p'] }), []);
      expect((await store.findByPost('m-1-p'))?.id).toBe('m-3');
      expect(await store.findByPost('never-seen')).toBeUndefined();
    });

    it('indexes the incidents a database held before the index existed, once', async () => {
      const incidents = connection.collection('incidents');
      const { id, ...rest } = open('b-1', { postIds: ['b-1-p'], topic: 'waste.containers', territoryPath: ['40:vyborgsky', '40'], lastPostAt: at('2026-01-22T07:00:00Z') });
      await incidents.insertOne({ ...rest, _id: id } as never);
      await connection.collection('incident_activity').deleteOne({ _id: '#backfilled' } as never);
      const store = new MongoIncidentStore(connection, () => at('2026-01-22T12:00:00Z'));
      await store.init();
      expect((await store.findByPost('b-1-p'))?.id).toBe('b-1');
      expect((await store.findOpen({ topic: 'waste.containers', territoryCode: '40:vyborgsky', since: at('2026-01-22T00:00:00Z') })).map((i) => i.id)).toEqual(['b-1']);
      expect(await connection.collection('incident_activity').countDocuments({ _id: '#backfilled' } as never)).toBe(1);
    });
  });
});
