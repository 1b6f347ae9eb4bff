import type { EventPublisher as MessagingPublisher } from '@otklik/messaging';
import type { EventPublisher, OutgoingEvent } from './outbox.model';

/**
 * Publishes outbox events through the messaging library as they are: the envelopes (and their
 * deterministic ids) were built when the change was recorded, so a re-publish repeats the same id.
 */
export class KafkaOutboxPublisher implements EventPublisher {
  constructor(private readonly messaging: MessagingPublisher) {}

  async publish(events: OutgoingEvent[]): Promise<void> {
    // The library batches concurrent sends into one produce request, in call order.
    await Promise.all(events.map((event) => this.messaging.send(event.topic, event.envelope, event.key)));
  }
}
