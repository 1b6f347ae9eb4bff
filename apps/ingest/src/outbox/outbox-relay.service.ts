import type { PostStore } from '../posts/post.store';
import type { EventPublisher, PendingEvents } from './outbox.model';
import { OutboxQueue } from './outbox-queue';

/** Tuning of the relay. */
export interface OutboxRelayOptions {
  /** Most events per publish. */
  batchSize: number;
  /** How often the database is swept for events the queue does not know (left by a crash). */
  sweepIntervalMs: number;
  /** Removals (each of up to `markBatchSize` posts) running at the same time. */
  markConcurrency: number;
  /** Most posts whose published events are removed in one call to the store. */
  markBatchSize: number;
}

/** Defaults: 500 events, a sweep a minute, 2 removals of up to 500 posts at a time. */
export const DEFAULT_OUTBOX_RELAY_OPTIONS: OutboxRelayOptions = { batchSize: 500, sweepIntervalMs: 60_000, markConcurrency: 2, markBatchSize: 500 };

/**
 * Publishes the events recorded with posts, then removes them from the posts. Removal runs behind
 * publishing (one database write per post is the slow part on FerretDB), and so does the sweep for
 * events a crash left behind (on FerretDB it reads every post): what it finds joins the queue, and
 * it never re-publishes a post published or being removed meanwhile. A crash between publishing and removal
 * publishes the events again with the same ids, which consumers drop; a failed publish leaves them
 * in place, so nothing recorded is lost and each post's events keep their order.
 */
export class OutboxRelayService {
  private lastSweep = Number.NEGATIVE_INFINITY;
  private readonly marking = new Map<string, PendingEvents>();
  private readonly markQueue: string[] = [];
  private activeMarks = 0;
  private idleWaiters: (() => void)[] = [];
  /** The sweep under way, and the posts published or being removed since it began. */
  private sweeping?: { done: Promise<void>; published: Set<string> };
  /** The last error of a background removal, for the worker to log. */
  lastMarkError?: unknown;
  /** The last error of a background sweep, for the worker to log. */
  lastSweepError?: unknown;

  constructor(
    private readonly posts: PostStore,
    private readonly publisher: EventPublisher,
    readonly queue: OutboxQueue = new OutboxQueue(),
    private readonly options: OutboxRelayOptions = DEFAULT_OUTBOX_RELAY_OPTIONS,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Publishes one batch of pending events; returns how many were published (0 when none wait).
   * With the queue empty and a sweep due, starts one without waiting for it.
   */
  async publishBatch(): Promise<number> {
    if (this.queue.size === 0 && !this.sweeping && this.now() - this.lastSweep >= this.options.sweepIntervalMs) {
      this.startSweep().catch((error: unknown) => {
        this.lastSweepError = error;
      });
    }
    const pending = this.queue.take(this.options.batchSize);
    if (pending.length === 0) return 0;
    try {
      await this.publisher.publish(pending.flatMap((post) => post.events.map((e) => ({ topic: e.topic, key: e.key, envelope: e.envelope }))));
    } catch (error) {
      this.queue.restore(pending);
      throw error;
    }
    for (const item of pending) {
      this.sweeping?.published.add(item.postId);
      this.scheduleMark(item);
    }
    return pending.reduce((sum, post) => sum + post.events.length, 0);
  }

  /** Publishes until nothing waits (a sweep included) and every removal is done; returns the total. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      await this.sweep();
      let published = 0;
      for (let batch = await this.publishBatch(); batch > 0; batch = await this.publishBatch()) published += batch;
      await this.settled();
      total += published;
      if (published === 0) return total;
    }
  }

  /** Sweeps the database now (or joins the sweep under way) and queues what it finds. */
  sweep(): Promise<void> {
    return this.sweeping?.done ?? this.startSweep();
  }

  /** Resolves once no removal is waiting or running. */
  settled(): Promise<void> {
    if (this.marking.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Makes the next call sweep the database. */
  sweepSoon(): void {
    this.lastSweep = Number.NEGATIVE_INFINITY;
  }

  /** Reads the database for pending events and queues those nobody published meanwhile. */
  private startSweep(): Promise<void> {
    this.lastSweep = this.now();
    // Posts being removed now may be read as pending before their removal lands: leave them out too.
    const published = new Set<string>(this.marking.keys());
    const done = this.posts
      .pendingEvents(this.options.batchSize)
      .then((found) => {
        this.queue.offer(found.filter((p) => !this.marking.has(p.postId) && !published.has(p.postId)));
      })
      .finally(() => {
        this.sweeping = undefined;
      });
    this.sweeping = { done: done.catch(() => undefined), published };
    return done;
  }

  private scheduleMark(item: PendingEvents): void {
    const current = this.marking.get(item.postId);
    const merged = current ? { ...item, events: [...current.events, ...item.events.filter((e) => !current.events.some((c) => c.id === e.id))] } : item;
    this.marking.set(item.postId, merged);
    if (!current) this.markQueue.push(item.postId);
    this.pump();
  }

  private pump(): void {
    while (this.activeMarks < this.options.markConcurrency && this.markQueue.length > 0) {
      const items = this.markQueue.splice(0, this.options.markBatchSize).flatMap((postId) => {
        const item = this.marking.get(postId);
        return item ? [item] : [];
      });
      if (items.length === 0) continue;
      this.activeMarks += 1;
      this.posts
        .markPublished(items)
        .then(
          () => {
            // A newer batch of the same post may have been published meanwhile: mark that one too.
            for (const item of items) {
              if (this.marking.get(item.postId) === item) this.marking.delete(item.postId);
              else this.markQueue.push(item.postId);
            }
          },
          (error: unknown) => {
            this.lastMarkError = error;
            setTimeout(() => {
              this.markQueue.push(...items.map((item) => item.postId));
              this.pump();
            }, 1000).unref();
          },
        )
        .finally(() => {
          this.activeMarks -= 1;
          this.pump();
          if (this.marking.size === 0) for (const wake of this.idleWaiters.splice(0)) wake();
        });
    }
  }
}
