import { AccessSkippedError, AuthFailedError, ConnectorError, PermanentConnectorError, RateLimitedError, SlowDownError, TransientConnectorError } from './connector-errors';
import { HttpJsonRequest, requestJson } from './http-json';
import { RateLimiter, Sleep, sleep } from './rate-limiter';
import { RetryPolicy, withRetry } from './retry';

/** What a platform's error codes mean for the caller. */
export interface ErrorCodeTable {
  /** Too many requests: wait and send again. */
  tooFast: ReadonlySet<number>;
  /** The platform's own trouble: send again later. */
  transient: ReadonlySet<number>;
  /** Flood control or quota: stop this run and go slower. */
  slowDown: ReadonlySet<number>;
  /** The token is refused: the source fails until an operator acts. */
  auth: ReadonlySet<number>;
  /** Denied, deleted or private: skip the target and record why. */
  skip: ReadonlySet<number>;
}

/** The typed error for a platform error `code`. */
export function errorForCode(message: string, code: number, table: ErrorCodeTable): ConnectorError {
  if (table.tooFast.has(code)) return new RateLimitedError(message, undefined, code);
  if (table.transient.has(code)) return new TransientConnectorError(message, code);
  if (table.slowDown.has(code)) return new SlowDownError(message, code);
  if (table.auth.has(code)) return new AuthFailedError(message, code);
  if (table.skip.has(code)) return new AccessSkippedError(message, code);
  return new PermanentConnectorError(message, code);
}

/** Limits of one platform API. */
export interface LimitedApiOptions {
  requestsPerSecond: number;
  retry: RetryPolicy;
  /** How long a token stays slowed down after flood control. */
  slowDownMs: number;
  sleep?: Sleep;
}

/** How to reach one platform API and within which limits. */
export interface PlatformClientOptions extends LimitedApiOptions {
  /** The API's base URL; a local server in tests. */
  baseUrl: string;
  timeoutMs: number;
}

/**
 * Calls a JSON API within its limits: requests are spaced per token, retryable errors are retried
 * with back-off, and a slow-down error slows the token down for a while.
 */
export class LimitedApi {
  private readonly limiter: RateLimiter;
  private readonly wait: Sleep;

  constructor(private readonly options: LimitedApiOptions) {
    this.wait = options.sleep ?? sleep;
    this.limiter = new RateLimiter(options.requestsPerSecond, this.wait);
  }

  /** Sends `request` for `token` and turns the JSON object answer into T with `read` (which may throw). */
  call<T>(token: string, request: HttpJsonRequest, read: (body: object) => T): Promise<T> {
    return withRetry(
      async () => {
        await this.limiter.acquire(token);
        const body = await requestJson(request);
        if (typeof body !== 'object' || body === null) throw new TransientConnectorError(`${request.label}: unexpected body`);
        try {
          return read(body);
        } catch (error) {
          if (error instanceof SlowDownError) this.limiter.slowDown(token, this.options.slowDownMs);
          throw error;
        }
      },
      this.options.retry,
      this.wait,
    );
  }
}
