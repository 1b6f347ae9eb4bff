import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import { Consumer, EachBatchPayload, KafkaMessage } from 'kafkajs';
import { lastValueFrom } from 'rxjs';
import { EventEnvelope } from '@otklik/contracts';
import { BatchProcessor } from './batch-processor';
import { EventPublisher } from './event-publisher';
import { KafkaConnection } from './kafka.connection';
import { KafkaEventContext } from './kafka-event.context';
import { messagingMetrics } from './messaging.metrics';
import { logicalTopic, physicalTopic } from './messaging.options';
import { ProcessedEventLedger } from './processed-event-ledger';

/**
 * Extra of `@EventPattern(topic, { [NATURALLY_IDEMPOTENT]: true })`: the handler has the same
 * effect however often it runs (a pure transformation, an upsert by a natural key), so the
 * per-event claim in the ledger is skipped; redeliveries are still skipped by the watermark.
 */
export const NATURALLY_IDEMPOTENT = 'naturallyIdempotent';

/** Consumer state, read by the readiness check. */
export type ConsumerState = 'idle' | 'starting' | 'running' | 'crashed' | 'stopped';

/**
 * Nest transport that feeds `@EventPattern(TOPICS.x)` handlers from Kafka in batches. Unlike the
 * built-in Kafka transport (one message at a time, auto-commit), it validates every event
 * against the catalogue, handles different keys concurrently, retries, dead-letters, skips
 * redeliveries through the ledger, and commits only what was handled.
 */
export class KafkaEventServer extends Server implements CustomTransportStrategy {
  private consumer?: Consumer;
  private processor?: BatchProcessor;
  private consumerState: ConsumerState = 'idle';
  /** Handler per topic, looked up once: Nest's look-up by pattern costs more than a small handler. */
  private readonly handlerCache = new Map<string, MessageHandler | null>();

  constructor(
    private readonly connection: KafkaConnection,
    private readonly publisher: EventPublisher,
    private readonly ledger: ProcessedEventLedger,
  ) {
    super();
  }

  /** Current state of the consumer. */
  get state(): ConsumerState {
    return this.consumerState;
  }

  /** Catalogue topics that have a handler in this service. */
  get subscribedTopics(): string[] {
    return [...this.messageHandlers.keys()];
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      await this.start();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  /** Stops fetching, lets the batch in hand finish and commit, then disconnects. */
  async close(): Promise<void> {
    if (this.consumer) {
      await this.consumer.stop();
      await this.consumer.disconnect();
    }
    await this.publisher.flush();
    this.consumerState = 'stopped';
  }

  on(): never {
    throw new Error('KafkaEventServer has no events to listen to; read `state` instead');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  private async start(): Promise<void> {
    const topics = this.subscribedTopics;
    const { options, logger } = this.connection;
    if (topics.length === 0) {
      this.consumerState = 'running';
      return;
    }
    this.consumerState = 'starting';
    await this.connection.ensureTopics(topics);
    const groupId = physicalTopic(options, options.groupId);
    this.processor = new BatchProcessor(
      groupId, options, this.publisher, this.ledger, logger,
      (topic, envelope, message, partition) => this.invoke(topic, envelope, message, partition),
      (topic) => this.handlerFor(topic)?.extras?.[NATURALLY_IDEMPOTENT] !== true,
    );
    this.consumer = this.connection.kafka.consumer({
      groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: 10000,
      heartbeatInterval: 1000,
      maxBytesPerPartition: options.maxBatchBytes,
    });
    const { CRASH, GROUP_JOIN, STOP } = this.consumer.events;
    this.consumer.on(CRASH, (event) => {
      this.consumerState = event.payload.restart ? 'starting' : 'crashed';
      logger.error('consumer crashed', { error: event.payload.error.message, restart: event.payload.restart });
    });
    this.consumer.on(GROUP_JOIN, () => (this.consumerState = 'running'));
    this.consumer.on(STOP, () => (this.consumerState = 'stopped'));
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: topics.map((topic) => physicalTopic(options, topic)), fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: Math.max(1, options.partitions),
      eachBatch: (payload) => this.eachBatch(payload),
    });
  }

  private async eachBatch({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary }: EachBatchPayload): Promise<void> {
    const topic = logicalTopic(this.connection.options, batch.topic);
    if (!topic || !this.processor || batch.messages.length === 0) return;
    await this.processor.process(topic, batch.partition, batch.messages, heartbeat);
    resolveOffset(batch.lastOffset());
    await commitOffsetsIfNecessary({
      topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: String(Number(batch.lastOffset()) + 1) }] }],
    });
    messagingMetrics.lag.set(
      { topic, partition: String(batch.partition), group: physicalTopic(this.connection.options, this.connection.options.groupId) },
      Math.max(0, Number(batch.highWatermark) - Number(batch.lastOffset()) - 1),
    );
  }

  private async invoke(topic: string, envelope: EventEnvelope, message: KafkaMessage, partition: number): Promise<void> {
    const handler = this.handlerFor(topic);
    if (!handler) throw new Error(`no handler for ${topic}`);
    const result = await handler(envelope, new KafkaEventContext([message, topic, partition]));
    await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
  }

  private handlerFor(topic: string): MessageHandler | null {
    let handler = this.handlerCache.get(topic);
    if (handler === undefined) {
      handler = this.getHandlerByPattern(topic);
      this.handlerCache.set(topic, handler);
    }
    return handler;
  }
}
