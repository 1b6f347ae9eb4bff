import type { EventPublisher } from '../event-publisher';
import type { OutboxMessage, OutboxSender } from './outbox.types';

/**
 * Sends outbox messages through the event publisher as they are: the envelopes (and their ids)
 * were built when the change was recorded, so a re-publish repeats the same id. Concurrent sends
 * go out as one produce request, in call order.
 */
export function publisherSender(publisher: Pick<EventPublisher, 'send'>): OutboxSender {
  return {
    publish: async (messages: OutboxMessage[]) => {
      await Promise.all(messages.map((m) => publisher.send(m.topic, m.envelope, m.key)));
    },
  };
}
