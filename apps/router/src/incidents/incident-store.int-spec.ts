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
    topicCode: 'housing.heating',
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

  it('renames the taxonomy code of incidents an earlier release stored to topicCode once, and finds them by it', async () => {
    const own = await mongoose.createConnection(infra.mongoUri, { dbName: `${infra.database}_rename`, maxPoolSize: 2 }).asPromise();
    try {
      const incidents = own.collection('incidents');
      const { id, topicCode, ...rest } = incident('old-1', '78-2026-800001');
      await incidents.insertOne({ ...rest, _id: id, topic: topicCode } as never);
      await incidents.createIndex({ topic: 1, territoryPath: 1, lastPostAt: -1 });
      const store = new MongoIncidentStore(own);
      await store.init();
      expect(await store.get('old-1')).toMatchObject({ topicCode: 'housing.heating' });
      expect(await incidents.findOne({ _id: 'old-1' } as never)).not.toHaveProperty('topic');
      const open = await store.findOpen({ topicCode: 'housing.heating', territoryCode: '40:nevsky', since: new Date('2026-01-01T00:00:00Z') });
      expect(open.map((i) => i.id)).toEqual(['old-1']);
      expect((await incidents.indexes()).map((i) => i.name)).not.toContain('topic_1_territoryPath_1_lastPostAt_-1');
      // Done once: a document written with the old name afterwards (an earlier replica mid-upgrade) is read as topicCode.
      await incidents.insertOne({ ...rest, _id: 'old-2', number: '78-2026-800002', topic: 'roads.surface' } as never);
      await new MongoIncidentStore(own).init();
      expect(await incidents.findOne({ _id: 'old-2' } as never)).toHaveProperty('topic', 'roads.surface');
      expect(await store.get('old-2')).toMatchObject({ topicCode: 'roads.surface' });
    } finally {
      await own.dropDatabase();
      await own.close();
    }
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
      topic: 'otklik.incident.routed.v2' as const,
      key: id,
      envelope: {
        id: `0190aaaa-0000-7000-8000-${id.padStart(12, '0')}`,
        type: 'incident.routed',
        schemaVersion: 2,
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

    it('finds the open incidents of a topic at a place active since a moment, as the query on the incidents would', async () => {
      const store = new MongoIncidentStore(connection, () => at('2026-01-22T12:00:00Z'));
      await store.init();
      const topic = 'roads.surface';
      const sedova = { address: 'ул. Седова, д. 12', geo: { lat: 59.9001, lon: 30.4101 } };
      const nearSedova = { geo: { lat: 59.9005, lon: 30.4105 } };
      const kirov = ['40:kirovsky', '40000000'];
      await store.insert(open('g-1', { topicCode: topic, place: sedova, territoryPath: kirov, createdAt: at('2026-01-18T10:00:00Z'), lastPostAt: at('2026-01-18T10:00:00Z') }), []);
      await store.insert(open('g-2', { topicCode: topic, place: sedova, territoryPath: kirov, createdAt: at('2026-01-21T09:00:00Z'), lastPostAt: at('2026-01-21T09:00:00Z') }), []);
      await store.insert(open('g-3', { topicCode: topic, place: sedova, territoryPath: kirov, createdAt: at('2026-01-21T10:00:00Z'), lastPostAt: at('2026-01-21T10:00:00Z') }), []);
      await store.insert(
        open('g-4', { topicCode: topic, place: nearSedova, territoryPath: ['40:nevsky', '40000000'], createdAt: at('2026-01-21T11:00:00Z'), lastPostAt: at('2026-01-21T11:00:00Z') }),
        [],
      );
      await store.insert(
        open('g-6', { topicCode: topic, place: { address: 'улица Дыбенко, дом 5' }, territoryPath: kirov, createdAt: at('2026-01-21T11:00:00Z'), lastPostAt: at('2026-01-21T11:00:00Z') }),
        [],
      );
      // An old incident kept alive by a later post; one closed; one moved to another topic.
      await store.save(
        nextVersion(open('g-1', { topicCode: topic, place: sedova, territoryPath: kirov, createdAt: at('2026-01-18T10:00:00Z'), lastPostAt: at('2026-01-22T08:00:00Z'), postIds: ['g-1-p', 'g-1-q'] })),
        [],
      );
      await store.save(
        nextVersion(open('g-2', { topicCode: topic, place: sedova, territoryPath: kirov, createdAt: at('2026-01-21T09:00:00Z'), lastPostAt: at('2026-01-21T09:00:00Z'), state: 'closed' })),
        [],
      );
      await store.save(nextVersion(open('g-3', { topicCode: 'roads.signs', place: sedova, territoryPath: kirov, createdAt: at('2026-01-21T10:00:00Z'), lastPostAt: at('2026-01-21T10:00:00Z') })), []);

      const since = at('2026-01-20T12:00:00Z');
      const ids = async (territoryCode: string, place: Incident['place'], over: { topicCode?: string; since?: Date } = {}) =>
        (await store.findOpen({ topicCode: over.topicCode ?? topic, territoryCode, since: over.since ?? since, near: { place, withinMeters: 150 } })).map((i) => i.id);
      // The same address «улица Седова, дом 12»; coordinates ~60 m away; the same place in the region.
      expect(await ids('40:kirovsky', { address: 'улица Седова, дом 12' })).toEqual(['g-1']);
      expect(await ids('40000000', { geo: { lat: 59.9003, lon: 30.4103 } })).toEqual(['g-1', 'g-4']);
      expect(await ids('40:kirovsky', { address: 'Санкт-Петербург, улица Седова, дом 12' }, { topicCode: 'roads.signs' })).toEqual(['g-3']);
      expect(await ids('40:kirovsky', sedova, { since: at('2026-01-22T09:00:00Z') })).toEqual([]);
      // Another street, coordinates 1 km away, or no address and no coordinates: nothing to group with.
      expect(await ids('40:kirovsky', { geo: { lat: 59.91, lon: 30.41 } })).toEqual([]);
      expect(await ids('40:kirovsky', { territoryCode: '40:kirovsky' })).toEqual([]);
      expect(await ids('40:kirovsky', { address: 'ул. Дыбенко, д. 5' })).toEqual(['g-6']);
      // Without a place, the query reads the incidents themselves.
      expect((await store.findOpen({ topicCode: topic, territoryCode: '40000000', since })).map((i) => i.id).sort()).toEqual(['g-1', 'g-4', 'g-6']);
      // Surges count incidents created since the moment, closed ones too, dismissed ones not; an
      // incident moved to another topic still counts under the old one (the index is not re-read).
      await store.insert(open('g-5', { topicCode: topic, territoryPath: ['40:nevsky', '40000000'], createdAt: at('2026-01-21T11:30:00Z'), lastPostAt: at('2026-01-21T11:30:00Z') }), []);
      await store.save(
        nextVersion(open('g-5', { topicCode: topic, territoryPath: ['40:nevsky', '40000000'], createdAt: at('2026-01-21T11:30:00Z'), lastPostAt: at('2026-01-21T11:30:00Z'), state: 'dismissed' })),
        [],
      );
      expect((await store.createdSince(topic, '40000000', at('2026-01-21T00:00:00Z'), 500)).sort()).toEqual(['g-2', 'g-3', 'g-4', 'g-6']);
      expect((await store.createdSince(topic, '40:nevsky', at('2026-01-21T00:00:00Z'), 500)).sort()).toEqual(['g-4']);
      expect((await store.createdSince(topic, '40000000', at('2026-01-21T10:30:00Z'), 500)).sort()).toEqual(['g-4', 'g-6']);
      expect((await store.createdSince('roads.signs', '40000000', at('2026-01-21T00:00:00Z'), 500)).sort()).toEqual([]);
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
      const place = { address: 'пр. Энгельса, 10' };
      const { id, ...rest } = open('b-1', { postIds: ['b-1-p'], topicCode: 'waste.containers', place, territoryPath: ['40:vyborgsky', '40000000'], lastPostAt: at('2026-01-22T07:00:00Z') });
      await incidents.insertOne({ ...rest, _id: id } as never);
      await connection.collection('incident_nearby').deleteOne({ _id: '#backfilled' } as never);
      // The hour-bucketed index an older version kept, which this one replaces.
      await connection.collection('incident_activity').insertOne({ _id: 'waste.containers|40000000|491000' } as never);
      const store = new MongoIncidentStore(connection, () => at('2026-01-22T12:00:00Z'));
      await store.init();
      expect((await store.findByPost('b-1-p'))?.id).toBe('b-1');
      const near = { place, withinMeters: 150 };
      expect((await store.findOpen({ topicCode: 'waste.containers', territoryCode: '40:vyborgsky', since: at('2026-01-22T00:00:00Z'), near })).map((i) => i.id)).toEqual(['b-1']);
      expect(await store.createdSince('waste.containers', '40000000', rest.createdAt, 500)).toEqual(['b-1']);
      expect(await connection.collection('incident_nearby').countDocuments({ _id: '#backfilled' } as never)).toBe(1);
      expect(await connection.db?.listCollections({ name: 'incident_activity' }).toArray()).toEqual([]);
    });
  });
});
