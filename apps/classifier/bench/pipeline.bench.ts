/**
 * Kafka → Kafka throughput of the classifier service against the running broker and database:
 * posts with real appeal texts are produced to `post.received` first, then the service starts and
 * the clock runs until every post has been classified or dismissed and its event acknowledged by
 * the broker (consume, validate, watermark, classify, publish with acks=all, commit).
 *
 *   npx node -r @swc-node/register apps/classifier/bench/pipeline.bench.ts [--posts 20000] [--instances 1] [--cpu-prof <dir>]
 *
 * `--instances N` runs N service processes in one consumer group, as a deployment scales the
 * service out; the clock then includes the group's rebalance as they join. `CLASSIFIER_WORKERS`
 * sets the model worker threads of each instance; unset, one instance keeps the service default
 * (every core but the event loop's) and N instances share the cores (cores / N - 1 each).
 * `--cpu-prof <dir>` writes each instance's V8 CPU profile there (open it in Chrome DevTools).
 */
import { fork } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { Module } from '@nestjs/common';
import { TOPICS, type PostReceivedV1 } from '@otklik/contracts';
import { EventPublisher } from '@otklik/messaging';
import { createServiceApp, PlatformModule } from '@otklik/platform';
import { isolateInfra, waitFor } from '@otklik/testing';
import { AppModule } from '../src/app.module';
import { classificationMetrics } from '../src/post-classification/classification.metrics';
import { DecisionPool } from '../src/post-classification/decision-pool';
import { cliOptions } from '../src/datasets/cli-options';
import { sharedDataDir } from '@otklik/config';
import { readSpbAppeals } from '../src/datasets/spb.reader';
import { UnmappedLabels } from '../src/datasets/unmapped-labels';

@Module({ imports: [PlatformModule.forRoot('ingest')] })
class ProducerModule {}

/** What an instance tells the bench. */
type InstanceReport = { type: 'started'; workers: number } | { type: 'decided'; count: number; outcomes: Record<string, number> } | { type: 'flushed'; cpuMicros: number };
/** What the bench asks of an instance. */
type InstanceCommand = { type: 'measure' } | { type: 'flush' } | { type: 'close' };

const REPORT_EVERY_MS = 20;

async function outcomes(): Promise<Record<string, number>> {
  const metric = await classificationMetrics.posts.get();
  const byOutcome: Record<string, number> = {};
  for (const v of metric.values) byOutcome[String(v.labels.outcome)] = (byOutcome[String(v.labels.outcome)] ?? 0) + v.value;
  return byOutcome;
}

/** One service instance in its own process, reporting its decisions to the bench. */
async function runInstance(): Promise<void> {
  const report = (message: InstanceReport) => process.send?.(message);
  const service = await createServiceApp('classifier', AppModule);
  report({ type: 'started', workers: service.get(DecisionPool).size });
  const timer = setInterval(() => void outcomes().then((o) => report({ type: 'decided', count: Object.values(o).reduce((a, b) => a + b, 0), outcomes: o })), REPORT_EVERY_MS);
  // CPU time of the whole process (event loop, model workers, garbage collector) from the first decision on.
  let cpuFrom = process.cpuUsage();
  process.on('message', (command: InstanceCommand) => {
    if (command.type === 'measure') cpuFrom = process.cpuUsage();
    if (command.type === 'flush') {
      void service
        .get(EventPublisher)
        .flush()
        .then(() => {
          const used = process.cpuUsage(cpuFrom);
          report({ type: 'flushed', cpuMicros: used.user + used.system });
        });
    }
    if (command.type === 'close') {
      clearInterval(timer);
      void service.close().then(() => process.exit(0));
    }
  });
}

async function produce(count: number): Promise<void> {
  const texts = readSpbAppeals(path.join(sharedDataDir(), 'spb-appeals/dev.jsonl.gz'), new UnmappedLabels()).map((t) => t.text);
  const posts: PostReceivedV1[] = Array.from({ length: count }, (_, n) => ({
    postId: `bench-${n}`,
    platform: 'vk',
    externalId: `vk-${n}`,
    sourceId: 'bench-source',
    community: { id: 'bench-community', territoryCode: '40000000' },
    author: { pseudonym: `author-${n % 997}` },
    text: texts[(n * 7919) % texts.length],
    createdAt: '2021-01-15T09:00:00.000Z',
    attachments: [],
  }));
  const producer = await createServiceApp('ingest', ProducerModule);
  const publisher = producer.get(EventPublisher);
  for (let n = 0; n < count; n += 5000) await Promise.all(posts.slice(n, n + 5000).map((p) => publisher.publish(TOPICS.postReceived, p, { key: p.postId })));
  await producer.close();
}

async function main(): Promise<void> {
  const options = cliOptions(process.argv.slice(2));
  const count = Number(options.posts ?? 20000);
  const instanceCount = Math.max(1, Number(options.instances ?? 1));
  const infra = isolateInfra('classifier-bench');
  process.env.LOG_LEVEL = 'error';
  if (instanceCount > 1) process.env.CLASSIFIER_WORKERS ??= String(Math.max(0, Math.floor(availableParallelism() / instanceCount) - 1));
  await produce(count);

  const started = process.hrtime.bigint();
  const instances = Array.from({ length: instanceCount }, () => {
    const profile = options['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(options['cpu-prof'])}`] : [];
    const child = fork(__filename, ['--instance'], { execArgv: ['-r', '@swc-node/register', ...profile], env: process.env });
    const state = { child, workers: -1, decided: 0, outcomes: {} as Record<string, number>, flushed: false, cpuMicros: 0 };
    child.on('message', (message: InstanceReport) => {
      if (message.type === 'started') state.workers = message.workers;
      if (message.type === 'decided') Object.assign(state, { decided: message.count, outcomes: message.outcomes });
      if (message.type === 'flushed') Object.assign(state, { flushed: true, cpuMicros: message.cpuMicros });
    });
    return state;
  });
  const total = () => instances.reduce((sum, i) => sum + i.decided, 0);
  const first = await waitFor('the first decision', async () => (total() > 0 ? process.hrtime.bigint() : undefined), 120_000, 2);
  instances.forEach((i) => i.child.send({ type: 'measure' } satisfies InstanceCommand));
  await waitFor(`${count} decisions`, async () => total() >= count || undefined, 600_000, 10);
  instances.forEach((i) => i.child.send({ type: 'flush' } satisfies InstanceCommand));
  await waitFor('every instance to flush', async () => instances.every((i) => i.flushed) || undefined, 60_000, 2);
  const finished = process.hrtime.bigint();

  const seconds = (from: bigint) => Number(finished - from) / 1e9;
  const summed: Record<string, number> = {};
  for (const i of instances) for (const [outcome, n] of Object.entries(i.outcomes)) summed[outcome] = (summed[outcome] ?? 0) + n;
  console.log(
    `posts: ${count} (real SPb appeal texts), ${process.env.KAFKA_PARTITIONS ?? 3} partitions, ${instanceCount} service process(es) in one group, each an event loop + ${instances.map((i) => i.workers).join('/')} model worker thread(s); ${availableParallelism()} cores, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const repeats = Object.values(summed).reduce((a, b) => a + b, 0) - count;
  const repeatNote = repeats > 0 ? ` (${repeats} decided twice: a rebalance handed their partition over mid-batch; the repeats carry the same event ids)` : '';
  console.log(
    `outcomes: ${Object.entries(summed)
      .map(([o, n]) => `${o}=${n}`)
      .join(', ')}${repeatNote}`,
  );
  console.log(`Kafka → Kafka, first decision to last acknowledged output: ${(count / seconds(first)).toFixed(0)} posts/s (${seconds(first).toFixed(2)} s)`);
  const cpuSeconds = instances.reduce((sum, i) => sum + i.cpuMicros, 0) / 1e6;
  console.log(
    `service CPU from the first decision: ${cpuSeconds.toFixed(2)} s, ${((cpuSeconds * 1e6) / count).toFixed(0)} µs per post (event loop, model workers, garbage collector; the broker and database not counted)`,
  );
  console.log(`including process start and consumer group join: ${(count / seconds(started)).toFixed(0)} posts/s (${seconds(started).toFixed(2)} s)`);
  instances.forEach((i) => i.child.send({ type: 'close' } satisfies InstanceCommand));
  await Promise.all(instances.map((i) => new Promise((resolve) => (i.child.exitCode !== null ? resolve(undefined) : i.child.once('exit', resolve)))));
  await infra.cleanup();
}

const run = process.argv.includes('--instance') ? runInstance : main;
void run().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
