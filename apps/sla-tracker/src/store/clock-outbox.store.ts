import type { OutboxBatch, OutboxStore } from '@otklik/messaging';
import { ClockEvent } from '../clock/clock.types';
import { ClockMessage, clockMessage } from '../sla-events/clock-message';
import { ClockStore } from './clock.store';

/** Events of one clock's outbox: `holder` is the incident id, `version` the clock's revision. */
export type ClockOutboxBatch = OutboxBatch<ClockMessage>;

/** The batch of a clock's events at revision `rev`, in the order they happened. */
export function clockBatch(id: string, rev: number, events: readonly ClockEvent[]): ClockOutboxBatch {
  return { holder: id, version: rev, events: [...events].sort((a, b) => a.at - b.at).map(clockMessage) };
}

/** The clocks' outboxes as the relay's store. */
export class ClockOutboxStore implements OutboxStore<ClockOutboxBatch> {
  constructor(private readonly clocks: ClockStore) {}

  /** Every clock with events left (one scan of the collections, a few at a time; `limit` does not cut it short). */
  async pending(): Promise<ClockOutboxBatch[]> {
    const docs = await this.clocks.pendingOutboxes();
    return docs.filter((d) => d.outbox.length > 0).map((d) => clockBatch(d._id, d.rev, d.outbox));
  }

  /** Empties the outboxes still at the revision published (see `ClockStore.clearOutbox`). */
  async markPublished(published: ClockOutboxBatch[]): Promise<void> {
    await this.clocks.clearOutbox(published.map((b) => ({ id: b.holder, rev: b.version })));
  }
}
