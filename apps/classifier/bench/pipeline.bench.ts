/**
 * Kafka → Kafka throughput of the classifier service against the running broker and database:
 * posts with real appeal texts are produced to `post.received` first, then the service starts and
 * the clock runs until every post has been classified or dismissed and its event acknowledged by
 * the broker (consume, validate, watermark, classify on the model workers, publish with acks=all,
 * commit).
 *
 *   npx node -r @swc-node/register apps/classifier/bench/pipeline.bench.ts [--posts 20000]
 *   (CLASSIFIER_WORKERS=n sets the model worker threads; the default keeps one core for the event loop)
 */
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { Module } from '@nestjs/common';
import { TOPICS, type PostReceivedV1 } from '@otklik/contracts';
import { EventPublisher } from '@otklik/messaging';
import { createServiceApp, PlatformModule } from '@otklik/platform';
import { isolateInfra, waitFor } from '@otklik/testing';
import { AppModule } from '../src/app.module';
import { classificationMetrics } from '../src/classifying/classification.metrics';
import { DecisionPool } from '../src/classifying/decision-pool';
import { cliOptions } from '../src/datasets/cli-options';
import { dataDir } from '../src/datasets/data-dir';
import { readSpbAppeals } from '../src/datasets/spb.reader';

@Module({ imports: [PlatformModule.forRoot('ingest')] })
class ProducerModule {}

async function decided(): Promise<number> {
  const metric = await classificationMetrics.posts.get();
  return metric.values.reduce((sum, v) => sum + v.value, 0);
}

async function main(): Promise<void> {
  const options = cliOptions(process.argv.slice(2));
  const count = Number(options.posts ?? 20000);
  const infra = isolateInfra('classifier-bench');
  process.env.LOG_LEVEL = 'error';
  const texts = readSpbAppeals(path.join(dataDir(), 'spb-appeals/dev.jsonl.gz')).map((t) => t.text);
  const posts: PostReceivedV1[] = Array.from({ length: count }, (_, n) => ({
    postId: `bench-${n}`,
    platform: 'vk',
    externalId: `vk-${n}`,
    sourceId: 'bench-source',
    community: { id: 'bench-community', territoryCode: 'RU-SPE' },
    author: { pseudonym: `author-${n % 997}` },
    text: texts[(n * 7919) % texts.length],
    createdAt: '2021-01-15T09:00:00.000Z',
    attachments: [],
  }));

  const producer = await createServiceApp('ingest', ProducerModule);
  const publisher = producer.get(EventPublisher);
  for (let n = 0; n < count; n += 5000) await Promise.all(posts.slice(n, n + 5000).map((p) => publisher.publish(TOPICS.postReceived, p, { key: p.postId })));
  await producer.close();

  const started = process.hrtime.bigint();
  const service = await createServiceApp('classifier', AppModule);
  const ready = process.hrtime.bigint();
  const first = await waitFor('the first decision', async () => ((await decided()) > 0 ? process.hrtime.bigint() : undefined), 60_000, 5);
  await waitFor(`${count} decisions`, async () => (await decided()) >= count || undefined, 600_000, 20);
  await service.get(EventPublisher).flush();
  const finished = process.hrtime.bigint();

  const seconds = (from: bigint) => Number(finished - from) / 1e9;
  const outcomes = (await classificationMetrics.posts.get()).values.map((v) => `${v.labels.outcome}=${v.value}`).join(', ');
  const workers = service.get(DecisionPool).size;
  console.log(`posts: ${count} (real SPb appeal texts), ${process.env.KAFKA_PARTITIONS ?? 3} partitions, one service process: event loop + ${workers} model worker thread(s); ${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log(`outcomes: ${outcomes}`);
  console.log(`Kafka → Kafka, first decision to last acknowledged output: ${(count / seconds(first)).toFixed(0)} posts/s (${seconds(first).toFixed(2)} s)`);
  console.log(`including consumer group join (from service ready): ${(count / seconds(ready)).toFixed(0)} posts/s (${seconds(ready).toFixed(2)} s); service start ${(Number(ready - started) / 1e9).toFixed(2)} s`);
  await service.close();
  await infra.cleanup();
}

void main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
