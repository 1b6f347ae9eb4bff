import { KafkaMessage } from 'kafkajs';
import { decodeEvent, EventEnvelope } from '@otklik/contracts';
import { deadLetterMessage, DeadLetterReason } from './dead-letter';
import { EventPublisher } from './event-publisher';
import { MessagingLogger } from './kafka.connection';
import { messagingMetrics } from './messaging.metrics';
import { MessagingOptions } from './messaging.options';
import { MicroBatcher } from './micro-batcher';
import { ProcessedEventLedger } from './processed-event-ledger';
import { withConsumeSpan } from './trace-propagation';

/** Calls the service's handler for one decoded event. */
export type HandlerInvoker = (topic: string, envelope: EventEnvelope, message: KafkaMessage, partition: number) => Promise<void>;

interface LedgerRecord {
  eventId: string;
  topic: string;
  outcome: 'handled' | 'dead-lettered';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Handles one fetched batch of one partition: validates every message, skips events the group
 * has handled before, runs handlers (in order per key, different keys at once), retries with
 * backoff, dead-letters what still fails, and records what was done. The caller commits after.
 */
export class BatchProcessor {
  private readonly ledgerWriter: MicroBatcher<LedgerRecord>;

  constructor(
    private readonly group: string,
    private readonly options: MessagingOptions,
    private readonly publisher: EventPublisher,
    private readonly ledger: ProcessedEventLedger,
    private readonly logger: MessagingLogger,
    private readonly invoke: HandlerInvoker,
  ) {
    this.ledgerWriter = new MicroBatcher((records) => this.ledger.record(this.group, records), 2, 500);
  }

  /** Processes the messages of one partition; resolves when each one is handled or dead-lettered. */
  async process(topic: string, partition: number, messages: KafkaMessage[], heartbeat: () => Promise<void>): Promise<void> {
    const decoded: Array<{ message: KafkaMessage; envelope: EventEnvelope }> = [];
    for (const message of messages) {
      try {
        decoded.push({ message, envelope: decodeEvent(topic, message.value) });
      } catch (error) {
        await this.deadLetter(topic, partition, message, 'validation', error as Error);
      }
    }
    // Skip events the group handled before, and second copies within this batch.
    const seen = await this.ledger.handled(this.group, decoded.map((d) => d.envelope.id));
    const fresh = decoded.filter(({ envelope }) => {
      if (!seen.has(envelope.id)) {
        seen.add(envelope.id);
        return true;
      }
      messagingMetrics.duplicates.inc({ topic, group: this.group });
      return false;
    });
    await this.runByKey(fresh, async ({ message, envelope }) => {
      await this.handleOne(topic, partition, message, envelope);
      await heartbeat();
    });
  }

  private async handleOne(topic: string, partition: number, message: KafkaMessage, envelope: EventEnvelope): Promise<void> {
    const labels = { topic, group: this.group };
    for (let attempt = 1; ; attempt += 1) {
      const stop = messagingMetrics.handlerDuration.startTimer(labels);
      try {
        await withConsumeSpan(topic, envelope.id, message.headers, () => this.invoke(topic, envelope, message, partition));
        stop();
        messagingMetrics.consumed.inc(labels);
        await this.ledgerWriter.add({ eventId: envelope.id, topic, outcome: 'handled' });
        return;
      } catch (error) {
        stop();
        messagingMetrics.failed.inc(labels);
        this.logger.warn(`handler failed (attempt ${attempt} of ${this.options.maxAttempts})`, {
          topic, partition, offset: message.offset, eventId: envelope.id, error: (error as Error).message,
        });
        if (attempt >= this.options.maxAttempts) {
          await this.deadLetter(topic, partition, message, 'handler', error as Error);
          await this.ledgerWriter.add({ eventId: envelope.id, topic, outcome: 'dead-lettered' });
          return;
        }
        await sleep(this.options.retryBackoffMs * 4 ** (attempt - 1));
      }
    }
  }

  private async deadLetter(topic: string, partition: number, message: KafkaMessage, reason: DeadLetterReason, error: Error): Promise<void> {
    const letter = deadLetterMessage(message, { topic, partition, group: this.group }, reason, error);
    await this.publisher.sendRaw(letter.topic, letter.message);
    messagingMetrics.deadLettered.inc({ topic, group: this.group, reason });
    this.logger.error('message dead-lettered', { topic, partition, offset: message.offset, reason, error: error.message });
  }

  /** Runs `work` for every item: in order within one key, up to `concurrency` keys at once. */
  private async runByKey<T extends { message: KafkaMessage; envelope: EventEnvelope }>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
    const byKey = new Map<string, T[]>();
    for (const item of items) {
      const key = item.message.key?.toString() ?? item.envelope.correlationId;
      const list = byKey.get(key) ?? [];
      list.push(item);
      byKey.set(key, list);
    }
    const queues = [...byKey.values()];
    const worker = async () => {
      for (let queue = queues.shift(); queue; queue = queues.shift()) {
        for (const item of queue) await work(item);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency, queues.length) }, worker));
  }
}
