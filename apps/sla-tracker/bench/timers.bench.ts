/**
 * 1,000,000 open clocks in the real database: how late breach events fire (p50/p99/max after
 * due), memory, and recovery after a restart (reload, catch-up of what came due meanwhile, no
 * event twice).
 *   npx node -r @swc-node/register apps/sla-tracker/bench/timers.bench.ts
 * Env: MONGODB_URI (default mongodb://127.0.0.1:27017/?maxPoolSize=10), SLA_BENCH_TIMERS
 * (default 1000000), SLA_BENCH_FIRING (timers due during the run, default 10000),
 * SLA_BENCH_WINDOW_S (seconds over which they fall due, default 120). Seeding a million clocks
 * takes long on FerretDB: SLA_BENCH_SEED_ONLY=1 seeds a database and keeps it (its name is
 * printed); SLA_BENCH_DB=<name> runs on such a database and drops it afterwards.
 * Time is virtual (the engine's clock is shifted) so the window starts right after loading.
 */
import { randomUUID } from 'node:crypto';
import mongoose, { mongo } from 'mongoose';
import { ProductionCalendar } from '../src/calendar/production-calendar';
import { ClockEngine } from '../src/engine/clock.engine';
import type { ClockEventSink } from '../src/sla-events/clock-event.sink';
import { arm } from '../src/clock/clock.machine';
import { ClockEnv, ClockEvent, ClockState } from '../src/clock/clock.types';
import { ClockDocument, dayOf } from '../src/store/clock.schema';
import { TimerScheduler } from '../src/timers/timer-scheduler';
import { ClockStore } from '../src/store/clock.store';
import { DEFAULT_POLICIES } from '../src/policies/policies.data';
import { PolicySet } from '../src/policies/policy-set';
import { AgencyClocks } from '../src/working-time/agency-clocks';

const TOTAL = Number(process.env['SLA_BENCH_TIMERS'] ?? 1_000_000);
const FIRING = Number(process.env['SLA_BENCH_FIRING'] ?? 10_000);
const WINDOW_MS = Number(process.env['SLA_BENCH_WINDOW_S'] ?? 120) * 1000;
/** The firing window starts this long after t0; everything else is due at least an hour later. */
const LEAD_MS = 2 * 3_600_000;
const uri = process.env['MONGODB_URI'] ?? 'mongodb://127.0.0.1:27017/?maxPoolSize=10';

const clocks = new AgencyClocks(new ProductionCalendar());
const env: ClockEnv = { policies: new PolicySet(DEFAULT_POLICIES), clockFor: clocks.clockFor.bind(clocks) };

/** Records when each breach event was handed over, and counts any event seen twice. */
class RecordingSink implements ClockEventSink {
  constructor(private readonly now: () => number) {}
  /** Every breach event: when it was due, when it was handed over and how late (ms). */
  readonly breaches: { due: number; fired: number; lateness: number }[] = [];
  readonly keys = new Set<string>();
  duplicates = 0;
  outOfOrder = 0;
  private lastBreachDue = -Infinity;
  async publish(events: ClockEvent[]): Promise<void> {
    const now = this.now();
    for (const e of events) {
      if (this.keys.has(e.key)) this.duplicates++;
      this.keys.add(e.key);
      if (e.kind !== 'breached') continue;
      this.breaches.push({ due: e.at, fired: now, lateness: now - e.at });
      if (e.at < this.lastBreachDue) this.outOfOrder++;
      this.lastBreachDue = e.at;
    }
  }
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
function quantile(values: number[], q: number): number {
  const sorted = Float64Array.from(values).sort();
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN;
}

function template(): ClockState {
  return arm('template', { kind: 'routed', at: Date.now(), agencyId: 'agency-0', topicCode: 'roads', urgency: 'normal', regime: 'social_post', regionCode: '40' }, env).state;
}

async function seed(store: ClockStore, t0: number): Promise<void> {
  const base = template();
  const started = Date.now();
  const every = Math.floor(TOTAL / FIRING);
  const chunk = 256_000;
  for (let offset = 0; offset < TOTAL; offset += chunk) {
    const byShard = new Map<mongo.Collection<ClockDocument>, ClockDocument[]>();
    for (let i = offset; i < Math.min(TOTAL, offset + chunk); i++) {
      // Every `every`-th clock falls due inside the window; the rest hours to weeks later.
      const firing = i % every === 0 && i / every < FIRING;
      const due = firing ? t0 + LEAD_MS + Math.floor((i / TOTAL) * WINDOW_MS) : t0 + LEAD_MS + 3_600_000 + (i % 30) * 86_400_000 + i;
      const state: ClockState = { ...base, incidentId: `inc-${i}`, agencyId: `agency-${i % 300}`, dueAt: due, nextAt: due, warned: [50, 75, 90] };
      const doc: ClockDocument = {
        _id: state.incidentId,
        rev: 1,
        nextAt: new Date(due),
        dueDay: dayOf(due),
        agencyId: state.agencyId,
        status: 'running',
        state,
        outbox: [],
        outboxPending: false,
        updatedAt: new Date(),
      };
      const shard = store.shardOf(doc._id);
      byShard.set(shard, [...(byShard.get(shard) ?? []), doc]);
    }
    await Promise.all([...byShard].map(([shard, docs]) => shard.insertMany(docs, { ordered: false })));
    process.stdout.write(`  seeded ${Math.min(TOTAL, offset + chunk)} (${s(Date.now() - started)})\r`);
  }
  console.log(`seeded ${TOTAL} clocks in ${store.collections.length} collections, ${FIRING} due over ${WINDOW_MS / 1000} s, in ${s(Date.now() - started)}`);
}

/** Memory of the in-memory index alone when all 1,000,000 timers are held. */
function indexMemory(): void {
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  const scheduler = new TimerScheduler({ loadDueBefore: async () => undefined }, async () => undefined, { horizonMs: Infinity, batchSize: 1 });
  (scheduler as unknown as { loadedUntil: number }).loadedUntil = Infinity;
  for (let i = 0; i < 1_000_000; i++) scheduler.schedule(`inc-${i}`, 1.7e12 + i * 1000);
  global.gc?.();
  console.log(`in-memory index holding 1,000,000 timers: heap +${mb(process.memoryUsage().heapUsed - before)} (${scheduler.size} entries)`);
}

async function waitUntil(predicate: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!predicate() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  return predicate();
}

interface BenchMeta {
  _id: string;
  t0: number;
  total: number;
  firing: number;
  windowMs: number;
}

async function main(): Promise<void> {
  const dbName = process.env['SLA_BENCH_DB'] ?? `otklik_bench_sla_${randomUUID().slice(0, 8)}`;
  const connection = await mongoose.createConnection(uri, { dbName, maxPoolSize: 10 }).asPromise();
  const db = connection.db;
  if (!db) throw new Error('no database handle');
  const store = new ClockStore(db);
  const metas = db.collection<BenchMeta>('bench_meta');
  let keep = false;
  try {
    let meta = await metas.findOne({ _id: 'seed' });
    if (!meta) {
      await store.init();
      meta = { _id: 'seed', t0: Date.now(), total: TOTAL, firing: FIRING, windowMs: WINDOW_MS };
      await seed(store, meta.t0);
      await metas.insertOne(meta);
    } else {
      console.log(`reusing ${dbName}: ${meta.total} clocks, ${meta.firing} due over ${meta.windowMs / 1000} s`);
    }
    if (process.env['SLA_BENCH_SEED_ONLY'] === '1') {
      keep = true;
      console.log(`seeded database kept: SLA_BENCH_DB=${dbName}`);
      return;
    }
    await run(store, meta);
  } finally {
    if (!keep) await db.dropDatabase();
    await connection.close();
  }
}

async function run(store: ClockStore, meta: BenchMeta): Promise<void> {
  const windowStart = meta.t0 + LEAD_MS;
  let shift = Date.now() - (windowStart - 60_000);
  const clockNow = () => Date.now() - shift;
  const sink = new RecordingSink(clockNow);
  const options = {
    horizonMs: 36 * 3_600_000,
    batchSize: 200,
    now: clockNow,
    firstStartCatchUpMs: 86_400_000,
    onError: (e: Error) => console.error(`engine: ${e.message}`),
  };
  const rssBefore = process.memoryUsage().rss;
  let engine = new ClockEngine(store, env, sink, options);
  let started = Date.now();
  await engine.start();
  console.log(`first start: ${engine.timersInMemory} timers due within 36 h loaded in ${s(Date.now() - started)}`);
  // Loading took real time; let the window begin 5 s from now in virtual time. The scheduler's
  // pending wake-up was computed before this jump of the virtual clock: have it computed again.
  shift = Date.now() - (windowStart - 5_000);
  (engine as unknown as { scheduler: { wake(): void } }).scheduler.wake();

  // Crash half-way through the window: stop, stay down 10 s, start a fresh engine.
  await new Promise((r) => setTimeout(r, Math.max(0, windowStart + meta.windowMs / 2 - clockNow())));
  await engine.stop();
  const stoppedAt = clockNow();
  await new Promise((r) => setTimeout(r, 10_000));
  engine = new ClockEngine(store, env, sink, options);
  const restartedAt = clockNow();
  started = Date.now();
  await engine.start();
  const reloaded = Date.now() - started;
  // Recovery ends when every timer that fell due before the restart has fired.
  const dueBy = (until: number) => Math.min(meta.firing, Math.ceil(((until - windowStart) / meta.windowMs) * meta.firing));
  await waitUntil(() => sink.breaches.filter((b) => b.due < restartedAt).length >= dueBy(restartedAt), 300_000);
  const recoveredAt = clockNow();

  await waitUntil(() => sink.breaches.length >= meta.firing, meta.windowMs + 300_000);
  const mem = process.memoryUsage();
  await engine.stop();

  const lateness = (which: (b: { due: number; fired: number }) => boolean) => sink.breaches.filter(which).map((b) => b.lateness);
  // Running: fired before the stop, or due once the restart had caught up.
  const beforeStop = lateness((b) => b.fired < stoppedAt);
  const afterCatchUp = lateness((b) => b.due >= recoveredAt);
  const running = [...beforeStop, ...afterCatchUp];
  const down = lateness((b) => b.due < restartedAt && b.fired >= stoppedAt);
  const recovering = lateness((b) => b.due >= restartedAt && b.due < recoveredAt);
  const figures = (values: number[]) => `p50 ${quantile(values, 0.5).toFixed(0)}, p99 ${quantile(values, 0.99).toFixed(0)}, max ${quantile(values, 1).toFixed(0)} over ${values.length}`;
  console.log(
    `breach events: ${sink.breaches.length}/${meta.firing} (due over ${meta.windowMs / 1000} s among ${meta.total} open clocks), duplicates ${sink.duplicates}, out of due order ${sink.outOfOrder}`,
  );
  console.log(`lateness while running (ms after due; before the stop and after the restart's catch-up): ${figures(running)}`);
  console.log(`  before the stop: ${figures(beforeStop)}; after the catch-up: ${afterCatchUp.length ? figures(afterCatchUp) : 'none'}`);
  console.log(`restart after 10 s down: timers reloaded in ${s(reloaded)}; the ${down.length} due while down (or left unfired at the stop) all fired ${s(recoveredAt - restartedAt)} after the start`);
  console.log(`  due during that recovery: ${recovering.length ? figures(recovering) : 'none'}`);
  console.log(`memory: rss ${mb(mem.rss)} (${mb(mem.rss - rssBefore)} more than before the engine), heap used ${mb(mem.heapUsed)}`);
  indexMemory();
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
