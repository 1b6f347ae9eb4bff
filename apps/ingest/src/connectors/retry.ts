import { ConnectorError, RateLimitedError } from './connector-errors';
import { Sleep, sleep } from './rate-limiter';

/** How a call is retried. */
export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Defaults: 5 attempts, from 500 ms doubling to 30 s. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 5, baseDelayMs: 500, maxDelayMs: 30_000 };

/**
 * Runs `call`, retrying errors whose action is `retry` with exponential back-off and full jitter
 * (a platform asking to wait a given time is obeyed). Other errors go straight to the caller.
 */
export async function withRetry<T>(call: () => Promise<T>, policy: RetryPolicy, wait: Sleep = sleep): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof ConnectorError) || error.action !== 'retry' || attempt >= policy.attempts) throw error;
      const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      const asked = error instanceof RateLimitedError ? error.retryAfterMs : undefined;
      await wait(asked !== undefined ? Math.min(asked, policy.maxDelayMs) : Math.random() * backoff);
    }
  }
}
