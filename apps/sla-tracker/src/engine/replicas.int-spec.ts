import { randomUUID } from 'node:crypto';
import mongoose, { Connection } from 'mongoose';
import type * as mongo from 'mongodb';
import { IsolatedInfra, isolateInfra } from '@otklik/testing';
import { ProductionCalendar } from '../calendar/production-calendar';
import { ClockEnv, ClockEvent } from '../clock/clock.types';
import { ClockStore } from '../store/clock.store';
import { EngineLease } from '../store/engine-lease.store';
import { TimerHints } from '../store/timer-hints.store';
import { DEFAULT_POLICIES } from '../policies/policies.data';
import { PolicySet } from '../policies/policy-set';
import { AgencyClocks } from '../working-time/agency-clocks';
import { ClockEngine } from './clock.engine';
import type { ClockEventSink } from '../sla-events/clock-event.sink';

/** Every event published by any replica, tagged with the replica, and a wait for a condition on them. */
class Recorder {
  readonly published: { by: string; event: ClockEvent }[] = [];
  private waiters: { done: () => boolean; resolve: () => void }[] = [];

  sinkFor(by: string): ClockEventSink {
    return {
      publish: async (events) => {
        this.published.push(...events.map((event) => ({ by, event })));
        this.waiters = this.waiters.filter((w) => !(w.done() && (w.resolve(), true)));
      },
    };
  }

  until(done: () => boolean): Promise<void> {
    return done() ? Promise.resolve() : new Promise((resolve) => this.waiters.push({ done, resolve }));
  }

  of(kind: string, ids: string[]): { by: string; event: ClockEvent }[] {
    return this.published.filter((p) => p.event.kind === kind && ids.includes(p.event.facts.incidentId));
  }

  /**
   * Per incident, the distinct event keys (ids) of a kind: what consumers, which deduplicate on
   * ids, receive. A step whose write was lost is announced again under the same key by design.
   */
  keysOf(kind: string, ids: string[]): Record<string, number> {
    const keys = new Map<string, Set<string>>();
    for (const { event } of this.of(kind, ids)) keys.set(event.facts.incidentId, (keys.get(event.facts.incidentId) ?? new Set()).add(event.key));
    return Object.fromEntries([...keys].map(([id, set]) => [id, set.size]));
  }
}

const once = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, 1]));

// A two-second clock round the clock with one warning at half time, as in clock.engine.int-spec.
const quick = { ...DEFAULT_POLICIES[1], id: 'quick', match: {}, firstAnswer: { amount: 2 / 60, unit: 'minutes' as const }, warnings: [50], escalation: [] };
const clocks = new AgencyClocks(new ProductionCalendar());
const env: ClockEnv = { policies: new PolicySet([quick]), clockFor: clocks.clockFor.bind(clocks) };
// Ten minutes: nothing falls due on the leader's real clock; the follower's clock is moved on.
const slower: ClockEnv = { ...env, policies: new PolicySet([{ ...quick, id: 'slower', firstAnswer: { amount: 10, unit: 'minutes' as const } }]) };
const routed = (at: number) => ({ kind: 'routed' as const, at, agencyId: 'a1', topicCode: 'roads', urgency: 'normal' as const, regime: 'social_post' as const, regionCode: '40' });

// Replicas renew a lease and exchange hints through the database: on a busy machine a run takes minutes.
jest.setTimeout(240_000);

describe('two clock engines on one database', () => {
  let infra: IsolatedInfra;
  let connection: Connection;
  let db: mongo.Db;

  let running: ClockEngine[] = [];
  const replica = (name: string, recorder: Recorder, clockEnv = env, now: () => number = Date.now) => {
    const engine = new ClockEngine(new ClockStore(db, 2), clockEnv, recorder.sinkFor(name), {
      horizonMs: 3_600_000,
      batchSize: 50,
      retryMs: 50,
      now,
      replicas: { lease: new EngineLease(db, 'sla-tracker', `${name}-${randomUUID()}`), hints: new TimerHints(db), ttlMs: 10_000, renewMs: 400, tickMs: 100 },
    });
    running.push(engine);
    return engine;
  };

  afterEach(async () => {
    // A failed test must not leave its replicas firing into the next one.
    await Promise.all(running.map((engine) => engine.stop()));
    running = [];
  });

  beforeAll(async () => {
    infra = isolateInfra('sla-replicas');
    connection = await mongoose.createConnection(infra.mongoUri, { dbName: infra.database, maxPoolSize: 10 }).asPromise();
    if (!connection.db) throw new Error('no db');
    db = connection.db;
  });

  afterAll(async () => {
    await connection?.close();
    await infra?.cleanup();
  });

  it('fires each warning and breach once (one event id each) while both replicas apply facts', async () => {
    const recorder = new Recorder();
    const a = replica('a', recorder);
    const b = replica('b', recorder);
    await a.start();
    await b.start();
    expect([a.isLeading, b.isLeading]).toEqual([true, false]);

    const ids = Array.from({ length: 10 }, (_, i) => `both-${i}`);
    await Promise.all(ids.map((id, i) => (i % 2 === 0 ? a : b).apply(id, routed(Date.now()))));
    await recorder.until(() => new Set(recorder.of('breached', ids).map((p) => p.event.facts.incidentId)).size === ids.length);
    await b.stop();
    await a.stop();

    expect(recorder.keysOf('breached', ids)).toEqual(once(ids));
    expect(recorder.keysOf('warning', ids)).toEqual(once(ids));
    expect(recorder.keysOf('armed', ids)).toEqual(once(ids));
  });

  it('hands the timers over when the leader stops: the other replica fires the breaches, once each', async () => {
    const recorder = new Recorder();
    let ahead = 0;
    const a = replica('a', recorder, slower);
    const b = replica('b', recorder, slower, () => Date.now() + ahead);
    await a.start();
    await b.start();
    expect(a.isLeading).toBe(true);

    const ids = Array.from({ length: 10 }, (_, i) => `handover-${i}`);
    // Armed through the follower; the leader learns of them from the hints.
    await Promise.all(ids.map((id) => b.apply(id, routed(Date.now()))));
    await a.stop();
    expect(recorder.of('warning', ids)).toEqual([]);
    // Eleven minutes on for the replica that takes over: every warning and breach is due.
    ahead = 11 * 60_000;
    await recorder.until(() => b.isLeading && new Set(recorder.of('breached', ids).map((p) => p.event.facts.incidentId)).size === ids.length);
    await b.stop();

    expect(recorder.keysOf('breached', ids)).toEqual(once(ids));
    expect(new Set(recorder.of('breached', ids).map((p) => p.by))).toEqual(new Set(['b']));
    expect(recorder.keysOf('warning', ids)).toEqual(once(ids));
  });
});
