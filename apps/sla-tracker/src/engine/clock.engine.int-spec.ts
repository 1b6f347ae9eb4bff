import mongoose, { Connection } from 'mongoose';
import { IsolatedInfra, isolateInfra } from '@otklik/testing';
import { ProductionCalendar } from '../calendar/production-calendar';
import { ClockEnv, ClockEvent } from '../clock/clock.types';
import { ClockStore } from '../store/clock.store';
import { DEFAULT_POLICIES } from '../policies/policies.data';
import { PolicySet } from '../policies/policy-set';
import { AgencyClocks } from '../working-time/agency-clocks';
import { ClockEngine } from './clock.engine';
import type { ClockEventSink } from '../sla-events/clock-event.sink';

/** A sink that can be told to fail, and signals when a wanted event kind arrives. */
class TestSink implements ClockEventSink {
  readonly events: ClockEvent[] = [];
  failing = false;
  private waiters: { kind: string; resolve: () => void }[] = [];
  async publish(events: ClockEvent[]): Promise<void> {
    if (this.failing) {
      this.waiters.filter((w) => w.kind === 'failure').forEach((w) => w.resolve());
      throw new Error('broker away');
    }
    this.events.push(...events);
    for (const w of this.waiters) if (events.some((e) => e.kind === w.kind)) w.resolve();
  }
  when(kind: string): Promise<void> {
    return new Promise((resolve) => this.waiters.push({ kind, resolve }));
  }
}

// A two-second clock round the clock, one warning, no escalations: quick to run out in a test.
const quick = { ...DEFAULT_POLICIES[1], id: 'quick', match: {}, firstAnswer: { amount: 2 / 60, unit: 'minutes' as const }, warnings: [50], escalation: [] };
const clocks = new AgencyClocks(new ProductionCalendar());
const env: ClockEnv = { policies: new PolicySet([quick]), clockFor: clocks.clockFor.bind(clocks) };
const routed = (at: number) => ({ kind: 'routed' as const, at, agencyId: 'a1', topicCode: 'roads', urgency: 'normal' as const, regime: 'social_post' as const, regionCode: '40' });

describe('ClockEngine on the real database', () => {
  let infra: IsolatedInfra;
  let connection: Connection;
  let store: ClockStore;
  const options = { horizonMs: 3_600_000, batchSize: 50, retryMs: 50 };

  beforeAll(async () => {
    infra = isolateInfra('sla-engine');
    connection = await mongoose.createConnection(infra.mongoUri, { dbName: infra.database, maxPoolSize: 10 }).asPromise();
    if (!connection.db) throw new Error('no db');
    store = new ClockStore(connection.db, 2);
  });

  afterAll(async () => {
    await connection?.close();
    await infra?.cleanup();
  });

  /** An engine that armed `id`'s clock while the broker was away: the `armed` event waits in the outbox. */
  async function armWhileBrokerAway(id: string): Promise<ClockEngine> {
    const down = new TestSink();
    down.failing = true;
    const engine = new ClockEngine(store, env, down, options);
    await engine.start();
    await expect(engine.apply(id, routed(Date.now()))).rejects.toThrow('broker away');
    return engine;
  }

  /** Starts a new engine with the broker back, until `id`'s clock breaches; the events it announced for `id`. */
  async function restartUntilBreached(id: string): Promise<ClockEvent[]> {
    const up = new TestSink();
    const breached = up.when('breached');
    const engine = new ClockEngine(store, env, up, options);
    await engine.start();
    await breached;
    await engine.stop();
    return up.events.filter((e) => e.facts.incidentId === id);
  }

  it('fires warning and breach once each, in order', async () => {
    const sink = new TestSink();
    const engine = new ClockEngine(store, env, sink, options);
    await engine.start();
    const breached = sink.when('breached');
    await engine.apply('inc-1', routed(Date.now()));
    await breached;
    await engine.stop();
    expect(sink.events.filter((e) => e.facts.incidentId === 'inc-1').map((e) => e.kind)).toEqual(['armed', 'warning', 'breached']);
    expect((await store.get('inc-1'))?.state.status).toBe('breached');
  });

  it('while the broker is away keeps applied facts in the outbox and due timers unwritten; a restart announces each fact once, in order', async () => {
    const first = await armWhileBrokerAway('inc-2');
    // The timers fall due and their publish keeps failing: nothing of theirs is written.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    await first.stop();
    const doc = await store.get('inc-2');
    expect(doc?.outbox.map((e) => e.kind)).toEqual(['armed']);
    expect(doc?.state.status).toBe('running');

    const mine = await restartUntilBreached('inc-2');
    expect(mine.map((e) => e.kind)).toEqual(['armed', 'warning', 'breached']);
    expect(new Set(mine.map((e) => e.key)).size).toBe(3);
    expect(await store.get('inc-2')).toMatchObject({ outbox: [], state: { status: 'breached' } });
  });

  it('takes over a clock stored before the taxonomy topic was named topicCode: its pending and later events name it', async () => {
    await (await armWhileBrokerAway('inc-old')).stop();
    // The document as an earlier release wrote it: `topic` in the state and in the outbox's facts.
    const shard = store.shardOf('inc-old');
    const stored = await shard.findOne({ _id: 'inc-old' });
    if (!stored) throw new Error('no clock stored');
    const old = ({ topicCode, ...rest }: { topicCode: string }) => ({ ...rest, topic: topicCode });
    await shard.replaceOne({ _id: 'inc-old' }, { ...stored, state: old(stored.state), outbox: stored.outbox.map((e) => ({ ...e, facts: old(e.facts) })) } as never);

    const mine = await restartUntilBreached('inc-old');
    expect(mine.map((e) => e.kind)).toEqual(['armed', 'warning', 'breached']);
    for (const e of mine) expect(e.facts).toMatchObject({ topicCode: 'roads' });
    expect(mine.some((e) => 'topic' in e.facts)).toBe(false);
    expect((await store.get('inc-old'))?.state).toMatchObject({ topicCode: 'roads', status: 'breached' });
  });

  it('announces a fired step again under the same key when its write was lost, and writes it then', async () => {
    const sink = new TestSink();
    const engine = new ClockEngine(store, env, sink, options);
    const commit = store.commit.bind(store);
    let failWrites = true;
    const flaky = jest
      .spyOn(store, 'commit')
      .mockImplementation((commits) => (failWrites && commits.every((c) => c.events.length === 0) ? Promise.reject(new Error('database away')) : commit(commits)));
    try {
      await engine.start();
      const warned = sink.when('warning');
      await engine.apply('inc-4', routed(Date.now()));
      await warned;
      failWrites = false;
      const breached = sink.when('breached');
      await breached;
      await engine.stop();
    } finally {
      flaky.mockRestore();
    }
    const mine = sink.events.filter((e) => e.facts.incidentId === 'inc-4');
    const warnings = mine.filter((e) => e.kind === 'warning');
    expect(warnings.length).toBeGreaterThanOrEqual(1);
    expect(new Set(warnings.map((e) => e.key)).size).toBe(1);
    expect((await store.get('inc-4'))?.state.status).toBe('breached');
  });

  it('lets only one of two writers that computed from the same revision win', async () => {
    const sink = new TestSink();
    const engine = new ClockEngine(store, env, sink, options);
    await engine.apply('inc-3', routed(Date.now() + 3_600_000));
    const doc = await store.get('inc-3');
    if (!doc) throw new Error('no clock');
    const commit = { id: 'inc-3', rev: doc.rev, state: { ...doc.state, status: 'closed' as const, nextAt: null }, events: [] };
    const results = await Promise.all([store.commit([commit]), store.commit([commit])]);
    expect(results.map((won) => won.has('inc-3')).sort()).toEqual([false, true]);
  });
});
