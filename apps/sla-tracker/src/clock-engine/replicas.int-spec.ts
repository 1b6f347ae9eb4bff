import mongoose, { Connection } from 'mongoose';
import type * as mongo from 'mongodb';
import { IsolatedInfra, isolateInfra } from '@otklik/testing';
import { ProductionCalendar } from '../calendar/production-calendar';
import { ClockEnv, ClockEvent } from '../clock/clock.types';
import { ClockStore } from '../clock-store/clock.store';
import { EngineLease } from '../clock-store/engine-lease.store';
import { TimerHints } from '../clock-store/timer-hints.store';
import { DEFAULT_POLICIES } from '../policies/policies.data';
import { PolicySet } from '../policies/policy-set';
import { AgencyClocks } from '../working-time/agency-clocks';
import { ClockEngine, ClockEventSink } from './clock.engine';

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
}

// A two-second clock round the clock with one warning at half time, as in clock.engine.int-spec.
const quick = { ...DEFAULT_POLICIES[1], id: 'quick', match: {}, firstAnswer: { amount: 2 / 60, unit: 'minutes' as const }, warnings: [50], escalation: [] };
const clocks = new AgencyClocks(new ProductionCalendar());
const env: ClockEnv = { policies: new PolicySet([quick]), clockFor: clocks.clockFor.bind(clocks) };
// Ten seconds: time enough to arm the clocks and stop the leader before any of them falls due.
const slower: ClockEnv = { ...env, policies: new PolicySet([{ ...quick, id: 'slower', firstAnswer: { amount: 10 / 60, unit: 'minutes' as const } }]) };
const routed = (at: number) => ({ kind: 'routed' as const, at, agencyId: 'a1', topic: 'roads', urgency: 'normal' as const, regime: 'social_post' as const, regionCode: '40' });

describe('two clock engines on one database', () => {
  let infra: IsolatedInfra;
  let connection: Connection;
  let db: mongo.Db;

  const replica = (name: string, recorder: Recorder, clockEnv = env) => new ClockEngine(new ClockStore(db, 2), clockEnv, recorder.sinkFor(name), {
    horizonMs: 3_600_000, batchSize: 50, retryMs: 50,
    replicas: { lease: new EngineLease(db, 'sla-tracker', name), hints: new TimerHints(db), ttlMs: 4_000, renewMs: 400, tickMs: 100 },
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

  it('fires each warning and breach exactly once while both replicas apply facts', async () => {
    const recorder = new Recorder();
    const a = replica('a', recorder);
    const b = replica('b', recorder);
    await a.start();
    await b.start();
    expect([a.isLeading, b.isLeading]).toEqual([true, false]);

    const ids = Array.from({ length: 20 }, (_, i) => `both-${i}`);
    await Promise.all(ids.map((id, i) => (i % 2 === 0 ? a : b).apply(id, routed(Date.now()))));
    await recorder.until(() => new Set(recorder.of('breached', ids).map((p) => p.event.facts.incidentId)).size === ids.length);
    await b.stop();
    await a.stop();

    const breaches = recorder.of('breached', ids);
    expect(breaches.map((p) => p.event.facts.incidentId).sort()).toEqual([...ids].sort());
    expect(recorder.of('warning', ids).map((p) => p.event.facts.incidentId).sort()).toEqual([...ids].sort());
    expect(recorder.of('armed', ids)).toHaveLength(ids.length);
  });

  it('hands the timers over when the leader stops: the other replica fires what is left, once', async () => {
    const recorder = new Recorder();
    const a = replica('a', recorder, slower);
    const b = replica('b', recorder, slower);
    await a.start();
    await b.start();
    expect(a.isLeading).toBe(true);

    const ids = Array.from({ length: 10 }, (_, i) => `handover-${i}`);
    // Armed through the follower; the leader learns of them from the hints.
    await Promise.all(ids.map((id) => b.apply(id, routed(Date.now()))));
    expect(recorder.of('warning', ids)).toEqual([]);
    await a.stop();
    await recorder.until(() => b.isLeading && new Set(recorder.of('breached', ids).map((p) => p.event.facts.incidentId)).size === ids.length);
    await b.stop();

    const breaches = recorder.of('breached', ids);
    expect(breaches.map((p) => p.event.facts.incidentId).sort()).toEqual([...ids].sort());
    expect(new Set(breaches.map((p) => p.by))).toEqual(new Set(['b']));
    expect(recorder.of('warning', ids).map((p) => p.event.facts.incidentId).sort()).toEqual([...ids].sort());
  });
});
