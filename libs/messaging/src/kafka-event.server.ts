import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import { Consumer, EachBatchPayload, KafkaMessage } from 'kafkajs';
import { lastValueFrom } from 'rxjs';
import { currentTopic, EventEnvelope, supersededBy } from '@otklik/contracts';
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

/** Delay before the first replacement of a crashed consumer; it doubles per failed attempt up to the maximum. */
const FIRST_RECOVERY_DELAY_MS = 1000;
const MAX_RECOVERY_DELAY_MS = 30000;
/** A replacement consumer that has not joined its group by then is replaced in turn. */
const REJOIN_TIMEOUT_MS = 60000;
/** How long a crashed consumer may take to disconnect before it is left behind. */
const DISCARD_TIMEOUT_MS = 5000;

/** Resolves when `work` settles or after `ms`, whichever is first; never rejects. */
async function bounded(work: Promise<unknown> | undefined, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work?.catch(() => undefined), new Promise((done) => (timer = setTimeout(done, ms)))]);
  clearTimeout(timer);
}

/** Consumer state, read by the readiness check. */
export type ConsumerState = 'idle' | 'starting' | 'running' | 'stopped';

/**
 * Nest transport that feeds `@EventPattern(TOPICS.x)` handlers from Kafka in batches. Unlike the
 * built-in Kafka transport (one message at a time, auto-commit), it validates every event
 * against the catalogue, handles different keys concurrently, retries, dead-letters, skips
 * redeliveries through the ledger, and commits only what was handled.
 */
export class KafkaEventServer extends Server implements CustomTransportStrategy {
  /** A failed handler is retried and then dead-lettered here, so Nest need not log it as unobserved. */
  override readonly propagatesEventHandlerErrors = true;
  private consumer?: Consumer;
  private processor?: BatchProcessor;
  private consumerState: ConsumerState = 'idle';
  private closing = false;
  /** The pending replacement of a crashed consumer, and the delay before the next one. */
  private recovery?: NodeJS.Timeout;
  private recoveryDelayMs = FIRST_RECOVERY_DELAY_MS;
  private rejoinWatch?: NodeJS.Timeout;
  /** Handler per topic, looked up once: Nest's look-up by pattern costs more than a small handler. */
  private readonly handlerCache = new Map<string, MessageHandler | null>();
  /** Superseded topics of the handled ones that exist on the broker: read too, their events upgraded. */
  private superseded: string[] = [];

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
    this.closing = true;
    this.cancelRecovery();
    clearTimeout(this.rejoinWatch);
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
    // Superseded topics are read while they exist (events published before an upgrade), never
    // created; only their dead-letter topics are, for an old event that fails.
    this.superseded = await this.connection.existingTopics(topics.flatMap(supersededBy));
    if (this.superseded.length > 0) await this.connection.ensureTopics(this.superseded);
    this.processor = new BatchProcessor(
      physicalTopic(options, options.groupId),
      options,
      this.publisher,
      this.ledger,
      logger,
      (topic, envelope, message, partition) => this.invoke(topic, envelope, message, partition),
      (topic) => this.handlerFor(topic)?.extras?.[NATURALLY_IDEMPOTENT] !== true,
    );
    await this.runConsumer();
  }

  /**
   * Creates, subscribes and runs a consumer. kafkajs's own restart after a crash is switched off:
   * a consumer it restarted has been seen never to rejoin its group (and after a crash it deems
   * final it does not restart at all). Every crash instead schedules a fresh consumer.
   */
  private async runConsumer(): Promise<void> {
    const { options, logger } = this.connection;
    const consumer = this.connection.kafka.consumer({
      groupId: physicalTopic(options, options.groupId),
      allowAutoTopicCreation: false,
      sessionTimeout: 10000,
      heartbeatInterval: 1000,
      maxBytesPerPartition: options.maxBatchBytes,
      retry: { retries: 5, restartOnFailure: async () => false },
    });
    this.consumer = consumer;
    // Events of a consumer already replaced (its own stop, a late crash) change nothing.
    const current = () => this.consumer === consumer && !this.closing;
    const { CRASH, GROUP_JOIN } = consumer.events;
    consumer.on(CRASH, (event) => {
      if (!current()) return;
      this.consumerState = 'starting';
      logger.error('consumer crashed; a new one will replace it', { error: event.payload.error.message, inSeconds: this.recoveryDelayMs / 1000 });
      this.scheduleRecovery();
    });
    consumer.on(GROUP_JOIN, () => {
      if (!current()) return;
      this.consumerState = 'running';
      this.cancelRecovery();
      this.recoveryDelayMs = FIRST_RECOVERY_DELAY_MS;
    });
    await consumer.connect();
    const topics = [...this.subscribedTopics, ...this.superseded];
    await consumer.subscribe({ topics: topics.map((topic) => physicalTopic(options, topic)), fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: Math.max(1, options.partitions),
      eachBatch: (payload) => this.eachBatch(payload),
    });
  }

  /** Replaces the consumer after the current delay (doubling up to a limit), unless one is already due. */
  private scheduleRecovery(): void {
    if (this.recovery || this.closing) return;
    const delay = this.recoveryDelayMs;
    this.recoveryDelayMs = Math.min(delay * 2, MAX_RECOVERY_DELAY_MS);
    this.recovery = setTimeout(() => void this.recover(), delay);
  }

  private cancelRecovery(): void {
    clearTimeout(this.recovery);
    this.recovery = undefined;
  }

  /**
   * Discards the consumer and starts a new one in the same group; it resumes from the committed
   * offsets. A new consumer that fails to start, or has not joined its group within
   * `REJOIN_TIMEOUT_MS`, is replaced again.
   */
  private async recover(): Promise<void> {
    this.recovery = undefined;
    if (this.closing || this.consumerState === 'running') return;
    const { logger } = this.connection;
    const previous = this.consumer;
    this.consumer = undefined;
    await bounded(previous?.disconnect(), DISCARD_TIMEOUT_MS);
    if (this.closing) return;
    messagingMetrics.consumerReplaced.inc({ group: physicalTopic(this.connection.options, this.connection.options.groupId) });
    logger.warn('replacing the consumer', { nextDelaySeconds: this.recoveryDelayMs / 1000 });
    try {
      await this.runConsumer();
    } catch (error) {
      logger.error('the new consumer did not start', { error: (error as Error).message });
      this.scheduleRecovery();
      return;
    }
    clearTimeout(this.rejoinWatch);
    this.rejoinWatch = setTimeout(() => {
      if (this.consumerState !== 'running') this.scheduleRecovery();
    }, REJOIN_TIMEOUT_MS);
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
    // A superseded topic's event was upgraded when decoded: the handler sees it as the current topic's.
    const result = await handler(envelope, new KafkaEventContext([message, currentTopic(topic), partition]));
    await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
  }

  /** The handler of `topic`, or for a superseded topic the handler of the topic that superseded it. */
  private handlerFor(topic: string): MessageHandler | null {
    let handler = this.handlerCache.get(topic);
    if (handler === undefined) {
      handler = this.getHandlerByPattern(currentTopic(topic));
      this.handlerCache.set(topic, handler);
    }
    return handler;
  }
}
