/**
 * Intake on the real database: incidents per second through IncidentIntakeService (look-up by
 * post, grouping, numbering, routing, surge counts, insert) with the MongoDB stores, at a chosen
 * number of posts handled at once, and the time each store call took. No broker: this is the
 * router's database cost per post, which bounds its share of `bench:e2e`.
 *
 *   nx run router:bench-store -- [posts=600] [concurrency=16]
 *   (MONGODB_URI, or the local FerretDB; a fresh database, dropped at the end)
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import mongoose from 'mongoose';
import { uuidv7 } from '@otklik/contracts';
import { loadHistoryArtifact } from '../src/history/history-artifact';
import { loadSpbAppeals } from '../src/history/spb-appeals.reader';
import { spbTopics, spbTerritoryOf } from '../src/history/spb-training';
import { buildRoutingEngine } from '../src/routing/routing-snapshot';
import { loadSeedData } from '../src/routing/seed-data';
import { sharedDataDir } from '@otklik/config';
import { MongoIncidentStore } from '../src/incidents/incident.mongo';
import { MongoCounterStore } from '../src/incidents/incident-number.mongo';
import { IncidentFactory } from '../src/incidents/incident-factory';
import { MongoSurgeStore } from '../src/surge/surge.mongo';
import { SurgeDetector } from '../src/surge/surge-detector';
import { ClassifiedPost } from '../src/incidents/classified-post';
import { IncidentIntakeService } from '../src/intake/incident-intake.service';
import { DEFAULT_GROUPING_POLICY } from '../src/config/policies';

type Timings = Map<string, number[]>;

/** Replaces `object[method]` by a wrapper that records how long each call took under `label`. */
function timeCalls(timings: Timings, object: object, methods: string[], label: string): void {
  const target = object as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const method of methods) {
    const original = target[method].bind(object);
    target[method] = async (...args: unknown[]) => {
      const start = performance.now();
      try {
        return await original(...args);
      } finally {
        timings.set(`${label}.${method}`, [...(timings.get(`${label}.${method}`) ?? []), performance.now() - start]);
      }
    };
  }
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];

async function main(): Promise<void> {
  const [posts, concurrency] = [Number(process.argv[2] ?? 600), Number(process.argv[3] ?? 16)];
  const engine = buildRoutingEngine({ ...loadSeedData(), history: loadHistoryArtifact() });
  const topics = spbTopics();
  const appeals = (await loadSpbAppeals(path.join(sharedDataDir(), 'spb-appeals/dev.jsonl.gz'))).slice(-3 * posts);
  const inputs: ClassifiedPost[] = appeals
    .flatMap((appeal, i) => {
      const topicCode = topics.spbTopic(appeal.category, appeal.reason);
      const territoryCode = spbTerritoryOf(appeal, engine.agencies);
      return topicCode && territoryCode ? [{ postId: `bench-${i}`, topicCode, topicConfidence: 0.9, urgency: 'normal' as const, place: { territoryCode }, text: appeal.text, at: new Date() }] : [];
    })
    .slice(0, posts);

  const uri = new URL(process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/?maxPoolSize=10');
  const connection = await mongoose.createConnection(uri.toString(), { dbName: `otklik_bench_router_${Date.now()}` }).asPromise();
  const store = new MongoIncidentStore(connection);
  const counters = new MongoCounterStore(connection);
  const surges = new MongoSurgeStore(connection, store);
  await Promise.all([store.init(), counters.init(), surges.init()]);
  const factory = new IncidentFactory(counters, () => uuidv7(), '40');
  const surge = new SurgeDetector(surges, () => engine.agencies.territories, { windowMinutes: 60, threshold: 30, regionThreshold: 100 });
  const intake = new IncidentIntakeService(store, factory, () => engine, DEFAULT_GROUPING_POLICY, surge);

  const timings: Timings = new Map();
  timeCalls(timings, store, ['findByPost', 'findOpen', 'insert', 'save', 'createdSince'], 'store');
  timeCalls(timings, store.index, ['record'], 'index');
  timeCalls(timings, counters, ['next'], 'counters');
  timeCalls(timings, surges, ['claim'], 'surges');

  const perPost: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < inputs.length) {
        const post = inputs[next++];
        const begun = performance.now();
        await intake.intake(post, { correlationId: post.postId });
        perPost.push(performance.now() - begun);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  perPost.sort((a, b) => a - b);
  console.log(
    `intake on the database: ${inputs.length} posts, ${concurrency} at once: ${(inputs.length / seconds).toFixed(1)} posts/s; per post p50 ${quantile(perPost, 0.5).toFixed(0)} ms, p99 ${quantile(perPost, 0.99).toFixed(0)} ms`,
  );
  for (const [call, times] of timings) {
    times.sort((a, b) => a - b);
    const mean = times.reduce((sum, t) => sum + t, 0) / times.length;
    console.log(`  ${call.padEnd(20)} ${String(times.length).padStart(6)} calls   p50 ${quantile(times, 0.5).toFixed(1).padStart(7)} ms   mean ${mean.toFixed(1).padStart(7)} ms`);
  }
  await connection.dropDatabase();
  await connection.close();
}

void main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
