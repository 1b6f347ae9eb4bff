import type { EventEnvelope } from '@otklik/contracts';
import type { OutboxBatch, OutboxStore } from '@otklik/messaging';

/**
 * Where desk's accepted events wait for the broker: the relay's store (pending batches, marking
 * them sent), plus adding one and purging those sent long ago.
 */
export abstract class DeskOutboxStore implements OutboxStore<OutboxBatch> {
  /** Keeps an event for publishing; resolves once it is durable. */
  abstract add(topic: string, envelope: EventEnvelope<object>, key: string, at: Date): Promise<void>;
  /** Pending events older than a writer's own window, one batch per subject (the partition key), oldest first. */
  abstract pending(limit: number): Promise<OutboxBatch[]>;
  /** Marks these batches' events sent. */
  abstract markPublished(published: OutboxBatch[]): Promise<void>;
  /** Deletes events sent before `before`. */
  abstract removeSentBefore(before: Date): Promise<void>;
}
