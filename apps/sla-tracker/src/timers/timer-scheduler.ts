import { TimerHeap } from './timer-heap';

/** Where the scheduler reads timers from: the persisted clocks, by due instant. */
export interface TimerSource {
  /** Every open timer due before `until` (ms), with its due instant. */
  loadDueBefore(from: number, until: number, onTimer: (id: string, at: number) => void): Promise<void>;
}

/** Called with a batch of ids whose timers are due, oldest first. */
export type DueHandler = (due: { id: string; at: number }[]) => Promise<void>;

export interface SchedulerOptions {
  /** How far ahead timers are kept in memory; later ones are read from the store as time moves on. */
  horizonMs: number;
  /** Largest batch handed to the handler at once. */
  batchSize: number;
  now?: () => number;
  /** Told of a failed refill or batch; the scheduler retries after `retryMs`. */
  onError?: (error: Error) => void;
  retryMs?: number;
  /** Told after a tick that every timer due up to `until` has been handled. */
  onProcessed?: (until: number) => void;
}

/**
 * In-memory index of the persisted timers: a heap of those due within the horizon, refilled from
 * the store before the horizon runs out. The store stays the truth: a stale entry (cancelled or
 * moved) is dropped here or, at the latest, by the guarded transition that finds nothing due.
 */
export class TimerScheduler {
  private readonly heap = new TimerHeap();
  /** Latest due instant per id within the horizon; heap entries that disagree are stale. */
  private readonly current = new Map<string, number>();
  private loadedUntil = -Infinity;
  /** While a refill reads the store: the timers set meanwhile (their reading may be older). */
  private changedDuringRefill: Map<string, number | null> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private busy: Promise<void> = Promise.resolve();
  private readonly now: () => number;

  constructor(
    private readonly source: TimerSource,
    private readonly onDue: DueHandler,
    private readonly options: SchedulerOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Timers held in memory. */
  get size(): number {
    return this.current.size;
  }

  /** Loads everything due from `from` up to the horizon (overdue timers included) and starts firing. */
  async start(from: number): Promise<void> {
    this.running = true;
    this.loadedUntil = from;
    await this.refill();
    this.wake();
  }

  /** Stops firing; resolves when the batch in hand is done. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.busy;
  }

  /** Whether an id's timer is held in memory. */
  holds(id: string): boolean {
    return this.current.has(id);
  }

  /** When an id's timer held in memory is due (undefined when none is held). */
  dueOf(id: string): number | undefined {
    return this.current.get(id);
  }

  /**
   * Whether an id's timer was set while a refill is reading the store: what the refill reads of
   * it may be older than what the caller already holds, and is to be ignored.
   */
  changedSinceRefillBegan(id: string): boolean {
    return this.changedDuringRefill?.has(id) ?? false;
  }

  /** Sets (or moves) an id's timer; null cancels it. */
  schedule(id: string, at: number | null): void {
    this.changedDuringRefill?.set(id, at);
    if (at === null || at >= this.loadedUntil) {
      // Beyond the horizon the refill will read it from the store when its time comes near.
      this.current.delete(id);
      return;
    }
    if (this.current.get(id) === at) return;
    this.current.set(id, at);
    this.heap.push(id, at);
    if (at <= this.heap.peekDue()) this.wake();
  }

  /**
   * Reads the timers of the next stretch of time. Timers set while it reads win over what it
   * reads; those set beyond the old horizon were let go by `schedule` and are set again once the
   * horizon has moved.
   */
  private async refill(): Promise<void> {
    const until = this.now() + this.options.horizonMs;
    const from = this.loadedUntil;
    const changed = new Map<string, number | null>();
    this.changedDuringRefill = changed;
    try {
      await this.source.loadDueBefore(from, until, (id, at) => {
        if (changed.has(id) || this.current.get(id) === at) return;
        this.current.set(id, at);
        this.heap.push(id, at);
      });
      this.loadedUntil = until;
    } finally {
      this.changedDuringRefill = undefined;
    }
    for (const [id, at] of changed) this.schedule(id, at);
  }

  private wake(minDelay = 0): void {
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    const refillAt = this.loadedUntil - this.options.horizonMs / 2;
    const next = Math.min(this.heap.peekDue(), refillAt);
    const delay = Math.max(minDelay, Math.min(next - this.now(), 2 ** 31 - 1));
    this.timer = setTimeout(() => {
      this.busy = this.tick().then(
        () => this.wake(),
        (error: Error) => {
          this.options.onError?.(error);
          this.wake(this.options.retryMs ?? 1000);
        },
      );
    }, delay);
  }

  private async tick(): Promise<void> {
    const now = this.now();
    await this.fireDue();
    if (this.heap.peekDue() > now) this.options.onProcessed?.(now);
  }

  private async fireDue(): Promise<void> {
    const now = this.now();
    if (now >= this.loadedUntil - this.options.horizonMs / 2) await this.refill();
    while (this.running && this.heap.peekDue() <= this.now()) {
      const batch: { id: string; at: number }[] = [];
      while (batch.length < this.options.batchSize && this.heap.peekDue() <= this.now()) {
        const entry = this.heap.pop();
        if (!entry || this.current.get(entry.id) !== entry.at) continue;
        this.current.delete(entry.id);
        batch.push(entry);
      }
      if (!batch.length) continue;
      try {
        await this.onDue(batch);
      } catch (error) {
        // Nothing is lost: the batch goes back to be tried again after the retry delay.
        for (const entry of batch) if (!this.current.has(entry.id)) this.schedule(entry.id, entry.at);
        throw error;
      }
    }
  }
}
