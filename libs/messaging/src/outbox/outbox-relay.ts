import { messagingMetrics } from '../messaging.metrics';
import { OutboxQueue, mergeBatches } from './outbox-queue';
import { DEFAULT_OUTBOX_RELAY_OPTIONS, OutboxBatch, OutboxLogger, OutboxRelayOptions, OutboxSender, OutboxStore } from './outbox.types';

/** A caller of `publishNow` waiting for its events. */
interface PublishWaiter {
  ids: Set<string>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** Options of one `publishNow` call. */
export interface PublishNowOptions {
  /** Also wait until the store was asked to clear the events (once; a failed clearing is retried behind). */
  untilCleared?: boolean;
}

const MARK_RETRY_MS = 1_000;

/**
 * The transactional outbox's relay, one for every service: a writer stores a change and its events
 * in one single-document write, then hands the events over (`offer`, or `publishNow` to wait for the
 * broker); the relay publishes them, each holder's in order and one batch of a holder at a time,
 * and clears them from the store behind publishing (the slow part on FerretDB), so a publish never
 * waits for a clearing. A periodic sweep of the store, also beside publishing, finds what no writer
 * handed over (a crash between the write and the publish); it leaves out holders published since it
 * began, which it may read before their clearing lands. A crash between publishing and clearing
 * publishes the events again with the same ids, which consumers drop; a failed publish keeps them
 * (in memory and in the store) and the running relay retries with back-off: at least once, in order
 * per holder, nothing recorded lost.
 */
export class OutboxRelay<B extends OutboxBatch> {
  private readonly options: OutboxRelayOptions;
  private readonly queue = new OutboxQueue<B>();
  private readonly inFlight = new Set<string>();
  private readonly marking = new Map<string, B>();
  private readonly markQueue: string[] = [];
  private activeMarks = 0;
  private readonly markWaiters = new Map<string, (() => void)[]>();
  private idleWaiters: (() => void)[] = [];
  private readonly publishWaiters = new Set<PublishWaiter>();
  private lastSweep = Number.NEGATIVE_INFINITY;
  /** The sweep under way, and the holders published or being cleared since it began. */
  private sweeping?: { done: Promise<void>; published: Set<string> };
  private running = false;
  /** Stopped: a failed clearing is left to the next start's sweep. */
  private closed = false;
  private failures = 0;
  private loop?: Promise<void>;
  private wake?: () => void;

  constructor(
    private readonly store: OutboxStore<B>,
    private readonly sender: OutboxSender<B['events'][number]>,
    options: Partial<OutboxRelayOptions> & Pick<OutboxRelayOptions, 'name'>,
    private readonly logger?: OutboxLogger,
    private readonly now: () => number = Date.now,
  ) {
    this.options = { ...DEFAULT_OUTBOX_RELAY_OPTIONS, ...options };
  }

  /** Hands over events just written; the running relay publishes them shortly. */
  offer(batches: readonly B[]): void {
    const withEvents = batches.filter((b) => b.events.length > 0);
    if (withEvents.length === 0) return;
    this.queue.offer(withEvents);
    if (this.failures === 0) this.wake?.();
  }

  /**
   * Hands over events just written and resolves once the broker has them (rejects when that publish
   * fails: the events stay waiting and in the store, and are retried).
   */
  async publishNow(batches: readonly B[], options: PublishNowOptions = {}): Promise<void> {
    const withEvents = batches.filter((b) => b.events.length > 0);
    if (withEvents.length === 0) return;
    const published = new Promise<void>((resolve, reject) => {
      this.publishWaiters.add({ ids: new Set(withEvents.flatMap((b) => b.events.map((e) => e.envelope.id))), resolve, reject });
    });
    this.queue.offer(withEvents);
    this.publishBatch().catch(() => undefined);
    await published;
    if (options.untilCleared) await Promise.all(withEvents.map((b) => this.cleared(b.holder)));
  }

  /**
   * Publishes one batch of waiting events; returns how many (0 when none wait). With nothing
   * waiting and a sweep due, starts one without waiting for it.
   */
  async publishBatch(): Promise<number> {
    if (this.queue.size === 0 && !this.sweeping && this.now() - this.lastSweep >= this.options.sweepIntervalMs) {
      this.startSweep().catch((error: unknown) => this.logger?.warn({ err: error, outbox: this.options.name }, 'sweeping the outbox failed; retrying at the next sweep'));
    }
    const batches = this.queue.take(this.options.batchSize, (holder) => this.inFlight.has(holder));
    if (batches.length === 0) return 0;
    for (const batch of batches) this.inFlight.add(batch.holder);
    const events = batches.reduce((sum, b) => sum + b.events.length, 0);
    try {
      await this.sender.publish(batches.flatMap((b) => b.events));
    } catch (error) {
      for (const batch of batches) this.inFlight.delete(batch.holder);
      this.queue.putBack(batches);
      messagingMetrics.outboxFailures.inc({ outbox: this.options.name });
      this.settleWaiters(batches, error);
      throw error;
    }
    for (const batch of batches) {
      this.inFlight.delete(batch.holder);
      this.sweeping?.published.add(batch.holder);
      this.scheduleMark(batch);
    }
    messagingMetrics.outboxPublished.inc({ outbox: this.options.name }, events);
    this.settleWaiters(batches);
    // Batches of holders that were in flight wait for the next pass: the loop's, or one for their callers.
    if (this.queue.size > 0) {
      if (this.running) this.wake?.();
      else if (this.publishWaiters.size > 0) this.publishBatch().catch(() => undefined);
    }
    return events;
  }

  /** Publishes until nothing waits; throws when a publish fails. */
  async publishAll(): Promise<number> {
    let total = 0;
    for (let batch = await this.publishBatch(); batch > 0; batch = await this.publishBatch()) total += batch;
    return total;
  }

  /** Publishes until nothing waits (a sweep included) and every clearing is done; returns the total. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      await this.sweep();
      const published = await this.publishAll();
      await this.settled();
      total += published;
      if (published === 0) return total;
    }
  }

  /** Sweeps the store now (or joins the sweep under way) and queues what it finds. */
  sweep(): Promise<void> {
    return this.sweeping?.done ?? this.startSweep();
  }

  /** Makes the next pass with nothing waiting sweep the store. */
  sweepSoon(): void {
    this.lastSweep = Number.NEGATIVE_INFINITY;
  }

  /** Resolves once no clearing is waiting or running. */
  settled(): Promise<void> {
    if (this.marking.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Holders whose events wait in memory to be published or cleared. */
  get waiting(): number {
    return this.queue.size + this.inFlight.size + this.marking.size;
  }

  /** Starts publishing in the background: what is handed over at once, the sweep's finds, retries with back-off. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.closed = false;
    this.loop = this.run();
  }

  /** Ends the idle pause early. */
  nudge(): void {
    this.wake?.();
  }

  /** Stops the background publishing and waits for the sweep and (a while) for clearings under way. */
  async stop(): Promise<void> {
    this.running = false;
    this.closed = true;
    this.wake?.();
    await this.loop;
    await this.sweeping?.done;
    await Promise.race([this.settled(), new Promise((resolve) => setTimeout(resolve, this.options.stopWaitMs).unref())]);
  }

  private async run(): Promise<void> {
    while (this.running) {
      let published = 0;
      try {
        published = await this.publishBatch();
        this.failures = 0;
      } catch (error) {
        this.failures += 1;
        this.logger?.error({ err: error, failures: this.failures, outbox: this.options.name }, 'the outbox relay could not publish; the events stay pending');
      }
      messagingMetrics.outboxWaiting.set({ outbox: this.options.name }, this.waiting);
      if (published === 0 && this.running) await this.pause(this.failures > 0 ? Math.min(30_000, 500 * 2 ** this.failures) : this.options.idleMs);
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(finish, ms);
      this.wake = finish;
    });
  }

  private settleWaiters(batches: readonly B[], error?: unknown): void {
    const ids = new Set(batches.flatMap((b) => b.events.map((e) => e.envelope.id)));
    for (const waiter of this.publishWaiters) {
      if (error !== undefined) {
        if (![...waiter.ids].some((id) => ids.has(id))) continue;
        this.publishWaiters.delete(waiter);
        waiter.reject(error);
        continue;
      }
      for (const id of ids) waiter.ids.delete(id);
      if (waiter.ids.size > 0) continue;
      this.publishWaiters.delete(waiter);
      waiter.resolve();
    }
  }

  /** Reads the store for pending events and queues those nobody published meanwhile. */
  private startSweep(): Promise<void> {
    this.lastSweep = this.now();
    // Holders being published or cleared now may be read as pending before their clearing lands: leave them out too.
    const published = new Set<string>([...this.marking.keys(), ...this.inFlight]);
    const done = this.store
      .pending(this.options.batchSize)
      .then((found) => {
        const fresh = found.filter((b) => b.events.length > 0 && !published.has(b.holder) && !this.marking.has(b.holder) && !this.inFlight.has(b.holder));
        // A full page may have more behind it: the next pass with nothing waiting sweeps again.
        if (found.length >= this.options.batchSize) this.sweepSoon();
        this.offer(fresh);
      })
      .finally(() => {
        this.sweeping = undefined;
      });
    this.sweeping = { done: done.catch(() => undefined), published };
    return done;
  }

  /** Resolves once the holder's events are cleared, or a clearing of them failed (and is retried behind). */
  private cleared(holder: string): Promise<void> {
    if (!this.marking.has(holder)) return Promise.resolve();
    return new Promise((resolve) => this.markWaiters.set(holder, [...(this.markWaiters.get(holder) ?? []), resolve]));
  }

  private wakeMarkWaiters(holder: string): void {
    for (const resolve of this.markWaiters.get(holder) ?? []) resolve();
    this.markWaiters.delete(holder);
  }

  private scheduleMark(batch: B): void {
    const current = this.marking.get(batch.holder);
    this.marking.set(batch.holder, current ? mergeBatches(current, batch) : batch);
    if (!current) this.markQueue.push(batch.holder);
    this.pump();
  }

  private pump(): void {
    while (this.activeMarks < this.options.markConcurrency && this.markQueue.length > 0) {
      const items = this.markQueue.splice(0, this.options.markBatchSize).flatMap((holder) => {
        const item = this.marking.get(holder);
        return item ? [item] : [];
      });
      if (items.length === 0) continue;
      this.activeMarks += 1;
      this.store
        .markPublished(items)
        .then(
          () => {
            // A later batch of the same holder may have been published meanwhile: clear that one too.
            for (const item of items) {
              if (this.marking.get(item.holder) !== item) {
                this.markQueue.push(item.holder);
                continue;
              }
              this.marking.delete(item.holder);
              this.wakeMarkWaiters(item.holder);
            }
          },
          (error: unknown) => {
            this.logger?.warn({ err: error, outbox: this.options.name, holders: items.length }, 'clearing published events failed; retrying');
            for (const item of items) this.wakeMarkWaiters(item.holder);
            // A stopped relay leaves the events to the next start's sweep (its store may be closing).
            if (this.closed) for (const item of items) this.marking.delete(item.holder);
            else {
              setTimeout(() => {
                this.markQueue.push(...items.map((item) => item.holder));
                this.pump();
              }, MARK_RETRY_MS).unref();
            }
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
