import type { EngineLease } from '../store/engine-lease.store';

export interface LeadershipOptions {
  /** How long a taken lease lasts without renewal. */
  ttlMs: number;
  /** How often the lease is renewed (or tried for); a third of the ttl is usual. */
  renewMs: number;
  /** How often the leader runs `whileLeading` (reading hints). */
  tickMs: number;
  now?: () => number;
  onError?: (error: Error) => void;
}

export interface LeadershipHandlers {
  /** This replica took the lease: start firing timers. */
  lead(): Promise<void>;
  /** This replica lost (or gave up) the lease: stop firing timers. */
  follow(): Promise<void>;
  /** Runs every tick while leading. */
  whileLeading(): Promise<void>;
}

/**
 * Keeps trying for the engine lease and switches the engine between leading (firing timers) and
 * following. A leader that could not renew for two thirds of the ttl steps down before the lease
 * can lapse, so two replicas fire at the same time only if a clock or a pause outruns that margin —
 * and then consumers, which deduplicate on the events' derived ids, still see each fact once.
 */
export class TimerLeadership {
  private leading = false;
  private lastRenewed = -Infinity;
  private lastTried = -Infinity;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private busy: Promise<void> = Promise.resolve();
  private readonly now: () => number;

  constructor(
    private readonly lease: EngineLease,
    private readonly handlers: LeadershipHandlers,
    private readonly options: LeadershipOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  get isLeading(): boolean {
    return this.leading;
  }

  /** Tries for the lease once (leading at once when it is free), then keeps ticking. */
  async start(): Promise<void> {
    this.running = true;
    await this.tick();
    this.schedule();
  }

  /** Stops ticking, steps down and releases the lease. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.busy;
    if (this.leading) await this.stepDown();
    // Also after stepping down on a slow renewal: the lease in the database may still name us.
    await this.lease.release().catch((error: Error) => this.options.onError?.(error));
  }

  private schedule(): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.busy = this.tick()
        .catch((error: Error) => this.options.onError?.(error))
        .finally(() => this.schedule());
    }, this.options.tickMs);
  }

  private async tick(): Promise<void> {
    if (this.now() - this.lastTried >= this.options.renewMs) await this.renew();
    if (this.leading && this.now() - this.lastRenewed > (this.options.ttlMs * 2) / 3) await this.stepDown();
    if (this.leading) await this.handlers.whileLeading();
  }

  private async renew(): Promise<void> {
    this.lastTried = this.now();
    let ours = false;
    try {
      ours = await this.lease.acquire(this.options.ttlMs, this.lastTried);
    } catch (error) {
      this.options.onError?.(error as Error);
      return;
    }
    if (ours) this.lastRenewed = this.lastTried;
    if (ours && !this.leading) {
      this.leading = true;
      try {
        await this.handlers.lead();
      } catch (error) {
        await this.stepDown();
        throw error;
      }
    } else if (!ours && this.leading) {
      await this.stepDown();
    }
  }

  private async stepDown(): Promise<void> {
    this.leading = false;
    this.lastRenewed = -Infinity;
    await this.handlers.follow();
  }
}
