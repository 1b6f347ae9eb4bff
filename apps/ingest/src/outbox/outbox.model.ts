import type { EventEnvelope } from '@otklik/contracts';

/**
 * An event waiting to be published. It is written inside the post's own document, in the same
 * single-document write that moves the post to its new revision: without multi-document
 * transactions (FerretDB) this is what makes "record the change" and "queue its event" one step.
 */
export interface OutboxEntry {
  /** The event id, computed from (post, kind, revision): a re-publish after a crash repeats it. */
  id: string;
  topic: string;
  /** Kafka key: the post id, so that all events of a post stay in order on one partition. */
  key: string;
  envelope: EventEnvelope;
  createdAt: Date;
}

/** Events of one post still to publish, in the order they were recorded. */
export interface PendingEvents {
  postId: string;
  /** Revision of the post when its events were read; a later revision may hold more events. */
  revision: number;
  events: OutboxEntry[];
}

/** One message for the broker. */
export interface OutgoingEvent {
  topic: string;
  key: string;
  envelope: EventEnvelope;
}

/** Publishes events in the given order; resolves once the broker has all of them. */
export interface EventPublisher {
  publish(events: OutgoingEvent[]): Promise<void>;
}
