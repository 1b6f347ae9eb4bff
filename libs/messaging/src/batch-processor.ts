import { KafkaMessage } from 'kafkajs';
import { decodeEvent, EventEnvelope } from '@otklik/contracts';
import { deadLetterMessage, DeadLetterReason } from './dead-letter';
import { EventPublisher } from './event-publisher';
import { MessagingLogger } from './kafka.connection';
import { messagingMetrics } from './messaging.metrics';
import { MessagingOptions } from './messaging.options';
import { ProcessedEventLedger } from './processed-event-ledger';
import { withConsumeSpan } from './trace-propagation';
import { isContention, isTransientInfrastructureError } from './transient-error';

/** Calls the service's handler for one decoded event. */
export type HandlerInvoker = (topic: string, envelope: EventEnvelope, message: KafkaMessage, partition: number) => Promise<void>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How often a batch in progress heartbeats (kafkajs sends at most one per heartbeatInterval). */
const HEARTBEAT_EVERY_MS = 1000;
/** Longest wait between tries while the infrastructure is unavailable. */
const OUTAGE_MAX_WAIT_MS = 30_000;
/** How long a message is retried through an outage before it counts as failing on its own. */
export const OUTAGE_RETRY_LIMIT_MS = 15 * 60_000;

/**
 * Handles one fetched batch of one partition: skips what the group handled before (by the
 * partition's watermark and by event id), validates every message, runs handlers (in order per
 * key, different keys at once), retries with backoff, dead-letters what still fails, and moves
 * the watermark. The caller commits after. A crash between a handler's write and the watermark
 * redelivers that message: handlers keep their own writes idempotent for that window.
 *
 * A failure that says the infrastructure is away (database, its backend or the broker restarting),
 * or that other writers kept changing the same record (`retryLater: true`), spends no attempt: the message is tried again, at growing intervals up to 30 s, for up to
 * {@link OUTAGE_RETRY_LIMIT_MS}, so an outage delays messages instead of dead-lettering them.
 */
export class BatchProcessor {
  constructor(
    private readonly group: string,
    private readonly options: MessagingOptions,
    private readonly publisher: EventPublisher,
    private readonly ledger: ProcessedEventLedger,
    private readonly logger: MessagingLogger,
    private readonly invoke: HandlerInvoker,
    private readonly claimsNeeded: (topic: string) => boolean,
  ) {}

  /** Processes the messages of one partition; resolves when each one is handled or dead-lettered. */
  async process(topic: string, partition: number, messages: KafkaMessage[], heartbeat: () => Promise<void>): Promise<void> {
    const watermark = await this.ledger.watermark(this.group, { topic, partition });
    const decoded: Array<{ message: KafkaMessage; envelope: EventEnvelope }> = [];
    const ids = new Set<string>();
    for (const message of messages) {
      if (BigInt(message.offset) <= watermark) {
        this.countDuplicate(topic); // redelivered after a crash or rebalance: handled already
        continue;
      }
      try {
        const envelope = decodeEvent(topic, message.value);
        if (ids.has(envelope.id)) this.countDuplicate(topic);
        else decoded.push({ message, envelope });
        ids.add(envelope.id);
      } catch (error) {
        await this.deadLetter(topic, partition, message, 'validation', error as Error);
      }
    }
    const duplicates = this.claimsNeeded(topic)
      ? await this.ledger.claim(
          this.group,
          decoded.map(({ message, envelope }) => ({ eventId: envelope.id, topic, partition, offset: message.offset })),
        )
      : new Set<string>();
    const fresh = decoded.filter(({ envelope }) => !duplicates.has(envelope.id));
    duplicates.forEach(() => this.countDuplicate(topic));
    // Heartbeats go on while handlers run, not only when one finishes: 64 handlers that each
    // take longer than the session timeout (a database under load) would otherwise cost the
    // group membership, and the batch would start again from its first message, for ever.
    let refused: { error: unknown } | undefined;
    const pulse = setInterval(() => void heartbeat().catch((error: unknown) => (refused ??= { error })), HEARTBEAT_EVERY_MS);
    try {
      await this.runByKey(fresh, async ({ message, envelope }) => {
        if (refused) throw refused.error;
        await this.handleOne(topic, partition, message, envelope, heartbeat);
        await heartbeat();
      });
    } finally {
      clearInterval(pulse);
    }
    if (refused) throw refused.error;
    const last = messages[messages.length - 1];
    if (last) await this.ledger.advance(this.group, { topic, partition, offset: last.offset });
  }

  private countDuplicate(topic: string): void {
    messagingMetrics.duplicates.inc({ topic, group: this.group });
  }

  private async handleOne(topic: string, partition: number, message: KafkaMessage, envelope: EventEnvelope, heartbeat: () => Promise<void>): Promise<void> {
    const labels = { topic, group: this.group };
    let outageSince: number | undefined;
    let outageTries = 0;
    for (let attempt = 1; ;) {
      const stop = messagingMetrics.handlerDuration.startTimer(labels);
      try {
        await withConsumeSpan(topic, envelope.id, message.headers, () => this.invoke(topic, envelope, message, partition));
        stop();
        messagingMetrics.consumed.inc(labels);
        return;
      } catch (error) {
        stop();
        messagingMetrics.failed.inc(labels);
        const context = { topic, partition, offset: message.offset, eventId: envelope.id, error: (error as Error).message };
        const contention = isContention(error);
        outageSince = contention || isTransientInfrastructureError(error) ? (outageSince ?? Date.now()) : undefined;
        if (outageSince !== undefined && Date.now() - outageSince < OUTAGE_RETRY_LIMIT_MS) {
          const wait = Math.min(OUTAGE_MAX_WAIT_MS, this.options.retryBackoffMs * 2 ** outageTries++);
          const reason = contention ? 'other writers kept changing the same record' : 'infrastructure unavailable';
          this.logger.warn(`handler failed: ${reason}; trying again in ${wait} ms (no attempt spent)`, context);
          await this.pause(wait, heartbeat);
          continue;
        }
        this.logger.warn(`handler failed (attempt ${attempt} of ${this.options.maxAttempts})`, context);
        if (attempt >= this.options.maxAttempts) {
          await this.deadLetter(topic, partition, message, 'handler', error as Error);
          return;
        }
        await sleep(this.options.retryBackoffMs * 4 ** (attempt - 1));
        attempt += 1;
      }
    }
  }

  /** Waits, keeping the group membership alive; a heartbeat that fails (the broker is away too) is left to the consumer. */
  private async pause(ms: number, heartbeat: () => Promise<void>): Promise<void> {
    for (let left = ms; left > 0; left -= 3000) {
      await sleep(Math.min(left, 3000));
      await heartbeat().catch(() => undefined);
    }
  }

  private async deadLetter(topic: string, partition: number, message: KafkaMessage, reason: DeadLetterReason, error: Error): Promise<void> {
    const letter = deadLetterMessage(message, { topic, partition, group: this.group }, reason, error);
    await this.publisher.sendRaw(letter.topic, letter.message);
    messagingMetrics.deadLettered.inc({ topic, group: this.group, reason });
    this.logger.error('message dead-lettered', { topic, partition, offset: message.offset, reason, error: error.message });
  }

  /**
   * Runs `work` for every item: in order within one key, up to `concurrency` keys at once. The
   * first failure (a heartbeat refused because the group rebalanced, the broker gone) ends the
   * batch: no worker takes another item, and the error is thrown once those in hand are done.
   * Workers that went on would handle the rest of a batch the group has already given to a
   * rejoined member, each of their heartbeats refused again.
   */
  private async runByKey<T extends { message: KafkaMessage; envelope: EventEnvelope }>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
    const byKey = new Map<string, T[]>();
    for (const item of items) {
      const key = item.message.key?.toString() ?? item.envelope.correlationId;
      const list = byKey.get(key) ?? [];
      list.push(item);
      byKey.set(key, list);
    }
    const queues = [...byKey.values()];
    let failure: { error: unknown } | undefined;
    const worker = async () => {
      for (let queue = queues.shift(); queue && !failure; queue = queues.shift()) {
        for (const item of queue) {
          if (failure) return;
          try {
            await work(item);
          } catch (error) {
            failure ??= { error };
            return;
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency, queues.length) }, worker));
    if (failure) throw failure.error;
  }
}
