/** Waits for `ms` milliseconds; replaceable so that specs can count waits. */
export type Sleep = (ms: number) => Promise<void>;

/** setTimeout as a promise. */
export const sleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

interface Lane {
  nextSlotAt: number;
  slowUntil: number;
}

/**
 * Spaces requests per key (a token) so that no key exceeds its rate: VK allows 3 requests a second
 * per token. Callers queue for slots in order; `slowDown` stretches the spacing for a while after
 * the platform complained.
 */
export class RateLimiter {
  private readonly lanes = new Map<string, Lane>();

  constructor(
    private readonly requestsPerSecond: number,
    private readonly wait: Sleep = sleep,
    private readonly now: () => number = Date.now,
  ) {
    if (!(requestsPerSecond > 0)) throw new Error('requestsPerSecond: must be positive');
  }

  /** Resolves when the caller may send one request for `key`. */
  async acquire(key: string): Promise<void> {
    const lane = this.lanes.get(key) ?? { nextSlotAt: 0, slowUntil: 0 };
    this.lanes.set(key, lane);
    const now = this.now();
    const interval = (1000 / this.requestsPerSecond) * (now < lane.slowUntil ? SLOW_FACTOR : 1);
    const slot = Math.max(now, lane.nextSlotAt);
    lane.nextSlotAt = slot + interval;
    if (slot > now) await this.wait(slot - now);
  }

  /** Makes `key` go SLOW_FACTOR times slower for `forMs`. */
  slowDown(key: string, forMs: number): void {
    const lane = this.lanes.get(key) ?? { nextSlotAt: 0, slowUntil: 0 };
    lane.slowUntil = Math.max(lane.slowUntil, this.now() + forMs);
    this.lanes.set(key, lane);
  }

  /** Whether `key` is currently slowed down. */
  isSlowed(key: string): boolean {
    return (this.lanes.get(key)?.slowUntil ?? 0) > this.now();
  }
}

/** How much slower a slowed-down key goes. */
export const SLOW_FACTOR = 4;
