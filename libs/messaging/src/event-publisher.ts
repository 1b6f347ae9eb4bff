import { SpanStatusCode } from '@opentelemetry/api';
import { Message } from 'kafkajs';
import { createEvent, EventEnvelope, NewEventIdentity, PayloadOf, TopicName } from '@otklik/contracts';
import { KafkaConnection } from './kafka.connection';
import { messagingMetrics } from './messaging.metrics';
import { physicalTopic } from './messaging.options';
import { MicroBatcher } from './micro-batcher';
import { startPublishSpan } from './trace-propagation';

/** How to publish one event. */
export interface PublishOptions extends NewEventIdentity {
  /** Partition key: the aggregate the event is about (post, incident). Keeps its events in order. */
  key: string;
  /** Event time, when it is not now. */
  occurredAt?: Date;
}

interface Outgoing {
  topic: string;
  message: Message;
}

const MAX_BATCH = 1000;

/**
 * Publishes validated events. Calls made close together are sent as one batch (acks from all
 * in-sync replicas, idempotent producer), so a handler that awaits its publish does not cost a
 * broker round trip per message when many handlers run at once.
 */
export class EventPublisher {
  private readonly batcher: MicroBatcher<Outgoing>;

  constructor(private readonly connection: KafkaConnection) {
    this.batcher = new MicroBatcher((batch) => this.sendBatch(batch), connection.options.lingerMs, MAX_BATCH);
  }

  /** Validates, wraps and sends one event; resolves once the broker has it. */
  async publish<T extends TopicName>(topic: T, payload: PayloadOf<T>, options: PublishOptions): Promise<EventEnvelope<PayloadOf<T>>> {
    const envelope = createEvent(topic, payload, options, options.occurredAt, this.connection.options.clientId);
    await this.send(topic, envelope, options.key);
    return envelope;
  }

  /** Sends an already built envelope (re-publishing, dead-lettering). */
  async send(topic: string, envelope: EventEnvelope, key: string, extraHeaders: Record<string, string> = {}): Promise<void> {
    const headers: Record<string, string> = { ...extraHeaders, 'otklik-event-id': envelope.id, 'otklik-event-type': envelope.type };
    const span = startPublishSpan(topic, envelope.id, headers);
    try {
      await this.enqueue(physicalTopic(this.connection.options, topic), { key, value: JSON.stringify(envelope), headers });
      messagingMetrics.produced.inc({ topic });
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
  }

  /** Sends raw bytes as they are (dead-letter copies of unreadable messages). */
  sendRaw(topic: string, message: Message): Promise<void> {
    return this.enqueue(physicalTopic(this.connection.options, topic), message);
  }

  /** Sends everything queued and waits for it. */
  flush(): Promise<void> {
    return this.batcher.flush();
  }

  private enqueue(topic: string, message: Message): Promise<void> {
    return this.batcher.add({ topic, message });
  }

  private async sendBatch(batch: Outgoing[]): Promise<void> {
    const byTopic = new Map<string, Message[]>();
    for (const item of batch) {
      const messages = byTopic.get(item.topic) ?? [];
      messages.push(item.message);
      byTopic.set(item.topic, messages);
    }
    const producer = await this.connection.getProducer();
    await producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
    });
  }
}
