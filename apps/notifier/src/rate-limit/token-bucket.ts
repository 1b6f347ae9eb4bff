/** Milliseconds since an arbitrary origin; injectable so that limits can be tested without waiting. */
export type Clock = () => number;
/** Waits `ms` milliseconds. */
export type Sleep = (ms: number) => Promise<void>;

export const systemClock: Clock = () => performance.now();
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A token bucket: `capacity` tokens, refilled continuously at `perSecond`. */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private blockedUntil = 0;

  constructor(
    readonly capacity: number,
    readonly perSecond: number,
    private readonly clock: Clock = systemClock,
  ) {
    if (capacity < 1 || perSecond <= 0) throw new RangeError('TokenBucket: capacity >= 1 and perSecond > 0 required');
    this.tokens = capacity;
    this.last = clock();
  }

  /** Milliseconds until a token is available (0: now). */
  waitMs(): number {
    this.refill();
    const now = this.clock();
    const blocked = Math.max(0, this.blockedUntil - now);
    const short = this.tokens >= 1 ? 0 : ((1 - this.tokens) / this.perSecond) * 1000;
    return Math.max(blocked, Math.ceil(short));
  }

  /** Takes a token; call only after waitMs() returned 0. */
  take(): void {
    this.refill();
    this.tokens -= 1;
  }

  /** No tokens until `ms` from now (the provider said so, e.g. Telegram's retry_after). */
  block(ms: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, this.clock() + ms);
    this.tokens = Math.min(this.tokens, 0);
  }

  /** Full and not blocked: the bucket can be forgotten without changing behaviour. */
  isIdle(): boolean {
    this.refill();
    return this.tokens >= this.capacity && this.clock() >= this.blockedUntil;
  }

  private refill(): void {
    const now = this.clock();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
  }
}

/** Limits for a provider: an overall rate plus a rate per key (per chat, per endpoint). */
export interface KeyedLimits {
  overallPerSecond: number;
  overallBurst: number;
  perKeyPerSecond: number;
  perKeyBurst: number;
}

/**
 * Telegram Bot API: about 30 messages per second overall, one per second per chat. The overall
 * bucket holds a single token, so no one-second window carries more than 31 (a burst of 30 would
 * allow 60 in the first second).
 */
export const TELEGRAM_LIMITS: KeyedLimits = { overallPerSecond: 30, overallBurst: 1, perKeyPerSecond: 1, perKeyBurst: 1 };

/** An overall token bucket and one bucket per key; a send takes a token from both. */
export class KeyedRateLimiter {
  private readonly overall: TokenBucket;
  private readonly perKey = new Map<string, TokenBucket>();

  constructor(
    private readonly limits: KeyedLimits,
    private readonly clock: Clock = systemClock,
    private readonly sleep: Sleep = realSleep,
  ) {
    this.overall = new TokenBucket(limits.overallBurst, limits.overallPerSecond, clock);
  }

  /** Resolves when a message for `key` may be sent, having taken its tokens. */
  async acquire(key: string): Promise<void> {
    const bucket = this.bucket(key);
    for (;;) {
      const wait = Math.max(this.overall.waitMs(), bucket.waitMs());
      if (wait === 0) {
        this.overall.take();
        bucket.take();
        this.forgetIdle(key);
        return;
      }
      await this.sleep(wait);
    }
  }

  /** The provider throttled `key` (or everything when key is undefined) for `ms`. */
  block(ms: number, key?: string): void {
    if (key === undefined) this.overall.block(ms);
    else this.bucket(key).block(ms);
  }

  /** Keys currently tracked (for metrics and tests of memory use). */
  trackedKeys(): number {
    return this.perKey.size;
  }

  private bucket(key: string): TokenBucket {
    let b = this.perKey.get(key);
    if (!b) {
      b = new TokenBucket(this.limits.perKeyBurst, this.limits.perKeyPerSecond, this.clock);
      this.perKey.set(key, b);
    }
    return b;
  }

  /** Buckets that refilled completely carry no state; dropping them keeps memory bounded by active chats. */
  private forgetIdle(except: string): void {
    if (this.perKey.size < 1024) return;
    for (const [k, b] of this.perKey) if (k !== except && b.isIdle()) this.perKey.delete(k);
  }
}
