import type { PendingEvents } from './outbox.model';

/**
 * Posts with events to publish, as the recorder reports them right after its write. The relay
 * takes from here instead of querying the database for pending posts (on FerretDB that query scans
 * the collection); a periodic sweep of the database still catches what a crash left behind.
 */
export class OutboxQueue {
  private readonly waiting = new Map<string, PendingEvents>();
  private listener?: () => void;

  /** Adds (or supersedes with a later revision) the pending events of a post. */
  push(pending: PendingEvents): void {
    const current = this.waiting.get(pending.postId);
    if (current && current.revision > pending.revision) return;
    this.waiting.set(pending.postId, pending);
    this.listener?.();
  }

  /** Puts back what could not be published, unless the post moved on meanwhile. */
  restore(items: PendingEvents[]): void {
    for (const item of items) if (!this.waiting.has(item.postId)) this.waiting.set(item.postId, item);
  }

  /** Adds posts found pending in the database, unless the queue has them already, and wakes the relay. */
  offer(items: PendingEvents[]): void {
    this.restore(items);
    if (items.length > 0) this.listener?.();
  }

  /** Takes posts in arrival order until about `maxEvents` events are taken. */
  take(maxEvents: number): PendingEvents[] {
    const taken: PendingEvents[] = [];
    let events = 0;
    for (const [postId, pending] of this.waiting) {
      if (events >= maxEvents) break;
      this.waiting.delete(postId);
      taken.push(pending);
      events += pending.events.length;
    }
    return taken;
  }

  get size(): number {
    return this.waiting.size;
  }

  /** Called whenever something is pushed (the relay uses it to end its idle pause). */
  onPush(listener: () => void): void {
    this.listener = listener;
  }
}
