import type { OutboxBatch } from './outbox.types';

/** Two batches of one holder as one: the earlier one's events first, each event once, the higher version. */
export function mergeBatches<B extends OutboxBatch>(earlier: B, later: B): B {
  const seen = new Set(earlier.events.map((e) => e.envelope.id));
  const [older, newer] = later.version < earlier.version ? [later, earlier] : [earlier, later];
  return { ...older, ...newer, events: [...earlier.events, ...later.events.filter((e) => !seen.has(e.envelope.id))] };
}

/**
 * Holders with events to publish, in the order they were handed over, so that the relay does not
 * query the database for them (on FerretDB that query scans the collection). A holder handed over
 * again while it waits keeps its place and gets the union of its events.
 */
export class OutboxQueue<B extends OutboxBatch> {
  private readonly waiting = new Map<string, B>();

  /** Adds batches after what their holders have waiting (a batch of a lower version goes before). */
  offer(batches: readonly B[]): void {
    for (const batch of batches) {
      const current = this.waiting.get(batch.holder);
      this.waiting.set(batch.holder, !current ? batch : batch.version < current.version ? mergeBatches(batch, current) : mergeBatches(current, batch));
    }
  }

  /** Puts back batches that could not be published, before whatever their holders got meanwhile. */
  putBack(batches: readonly B[]): void {
    for (const batch of batches) {
      const current = this.waiting.get(batch.holder);
      this.waiting.set(batch.holder, current ? mergeBatches(batch, current) : batch);
    }
  }

  /** Takes holders in arrival order until about `maxEvents` events are taken, leaving those `skip` names. */
  take(maxEvents: number, skip: (holder: string) => boolean): B[] {
    const taken: B[] = [];
    let events = 0;
    for (const [holder, batch] of this.waiting) {
      if (events >= maxEvents) break;
      if (skip(holder)) continue;
      this.waiting.delete(holder);
      taken.push(batch);
      events += batch.events.length;
    }
    return taken;
  }

  get size(): number {
    return this.waiting.size;
  }
}
