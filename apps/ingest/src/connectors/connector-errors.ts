/**
 * What can go wrong talking to a platform, sorted by what the caller should do about it. Messages
 * never carry tokens, URLs with query strings or request bodies: they end up in logs and in the
 * source status shown on the API.
 */
export abstract class ConnectorError extends Error {
  abstract readonly action: 'retry' | 'slow-down' | 'fail-source' | 'skip' | 'give-up';

  constructor(
    message: string,
    readonly code?: string | number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Network error, timeout, 5xx, truncated body: try again after a pause. */
export class TransientConnectorError extends ConnectorError {
  readonly action = 'retry' as const;
}

/** The platform asked to wait (HTTP 429, VK 6, Telegram retry_after). */
export class RateLimitedError extends ConnectorError {
  readonly action = 'retry' as const;

  constructor(
    message: string,
    readonly retryAfterMs: number | undefined,
    code?: string | number,
  ) {
    super(message, code);
  }
}

/** Flood control or a method quota (VK 9 and 29, OK 8 and 11): stop this run and go slower. */
export class SlowDownError extends ConnectorError {
  readonly action = 'slow-down' as const;
}

/** The credential is refused (VK 5 and 27, OK 102–104, Telegram 401): an operator must act. */
export class AuthFailedError extends ConnectorError {
  readonly action = 'fail-source' as const;
}

/** The platform refuses the setup, not the token (Telegram 409: a webhook is set): an operator must act. */
export class MisconfiguredError extends ConnectorError {
  readonly action = 'fail-source' as const;
}

/** Access denied, deleted or private (VK 15, 18, 30; OK 10, 300): skip the target, record why. */
export class AccessSkippedError extends ConnectorError {
  readonly action = 'skip' as const;
}

/** Anything else the platform refused; retrying the same request will not help. */
export class PermanentConnectorError extends ConnectorError {
  readonly action = 'give-up' as const;
}
