import type { Channel } from '@otklik/contracts';

/** How often and how far apart a channel is retried. */
export interface RetrySettings {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Defaults per channel: webhooks and replies retry longer (agency systems and platforms recover slowly). */
export const DEFAULT_RETRY: Record<Channel, RetrySettings> = {
  email: { maxAttempts: 6, baseDelayMs: 30_000, maxDelayMs: 3_600_000 },
  telegram: { maxAttempts: 6, baseDelayMs: 5_000, maxDelayMs: 600_000 },
  webhook: { maxAttempts: 8, baseDelayMs: 10_000, maxDelayMs: 6 * 3_600_000 },
  vk: { maxAttempts: 6, baseDelayMs: 10_000, maxDelayMs: 3_600_000 },
  ok: { maxAttempts: 6, baseDelayMs: 10_000, maxDelayMs: 3_600_000 },
};

/** Exponential backoff with jitter, never sooner than the provider asked. */
export class RetryPolicy {
  constructor(
    private readonly settings: Record<Channel, RetrySettings> = DEFAULT_RETRY,
    private readonly random: () => number = Math.random,
  ) {}

  /** Whether another attempt is allowed after `attempts` have been made. */
  canRetry(channel: Channel, attempts: number): boolean {
    return attempts < this.settings[channel].maxAttempts;
  }

  /**
   * Delay before attempt `attempts + 1`: base × 2^(attempts−1), capped, with ±20 % jitter so that
   * many deliveries failing together do not come back together.
   */
  delayMs(channel: Channel, attempts: number, retryAfterMs?: number): number {
    const s = this.settings[channel];
    const exponential = Math.min(s.maxDelayMs, s.baseDelayMs * 2 ** Math.max(0, attempts - 1));
    const jittered = Math.round(exponential * (0.8 + 0.4 * this.random()));
    return Math.max(jittered, retryAfterMs ?? 0);
  }
}
