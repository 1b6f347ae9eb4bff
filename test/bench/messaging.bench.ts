// Produce → consume throughput through the messaging lib on ONE partition, against the running
// broker and database: `npm run bench:messaging` (BENCH_EVENTS to change the count).
import { Controller, Module } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { TOPICS } from '@otklik/contracts';
import { EventPublisher, NATURALLY_IDEMPOTENT } from '@otklik/messaging';
import { createServiceApp, PlatformModule } from '@otklik/platform';
import { isolateInfra } from '@otklik/testing';
import { samplePost } from '../support/posts';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 20000);
let handled = 0;
let allHandled: () => void = () => undefined;
const done = new Promise<void>((resolve) => (allHandled = resolve));

// BENCH_NATURALLY_IDEMPOTENT=1 measures a handler that skips the per-event ledger claim.
const naturallyIdempotent = process.env.BENCH_NATURALLY_IDEMPOTENT === '1';

@Controller()
class CountingHandler {
  @EventPattern(TOPICS.postReceived, naturallyIdempotent ? { [NATURALLY_IDEMPOTENT]: true } : {})
  // Nest 12 types an event handler by its first parameter, the event, even when it is not read.
  count(_event: unknown): void {
    handled += 1;
    if (handled === EVENTS) allHandled();
  }
}

@Module({ imports: [PlatformModule.forRoot('classifier')], controllers: [CountingHandler] })
class ConsumerModule {}

@Module({ imports: [PlatformModule.forRoot('ingest')] })
class ProducerModule {}

async function main(): Promise<void> {
  const infra = isolateInfra('bench');
  process.env.KAFKA_PARTITIONS = '1';
  process.env.LOG_LEVEL = 'error';
  const producer = await createServiceApp('ingest', ProducerModule);
  const publisher = producer.get(EventPublisher);
  const payloads = Array.from({ length: EVENTS }, (_, n) => samplePost(`bench-${n}`));

  const produceStart = process.hrtime.bigint();
  for (let n = 0; n < EVENTS; n += 5000) {
    await Promise.all(payloads.slice(n, n + 5000).map((p) => publisher.publish(TOPICS.postReceived, p, { key: p.postId })));
  }
  const produceSeconds = Number(process.hrtime.bigint() - produceStart) / 1e9;

  const consumeStart = process.hrtime.bigint();
  const consumer = await createServiceApp('classifier', ConsumerModule);
  await done;
  const consumeSeconds = Number(process.hrtime.bigint() - consumeStart) / 1e9;

  const bytes = Buffer.byteLength(JSON.stringify(payloads[0]));
  console.log(`events: ${EVENTS} on 1 partition, payload ~${bytes} B, validated envelope, acks=all, idempotent producer`);
  console.log(`produce (publish + validation + batching): ${(EVENTS / produceSeconds).toFixed(0)} events/s (${produceSeconds.toFixed(2)} s)`);
  const ledger = naturallyIdempotent ? 'watermark only' : 'watermark + per-event claim';
  console.log(`consume (group join + validation + ledger: ${ledger} + handler + commit): ${(EVENTS / consumeSeconds).toFixed(0)} events/s (${consumeSeconds.toFixed(2)} s)`);
  await consumer.close();
  await producer.close();
  await infra.cleanup();
}

void main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
