import type { ApiResponse, Update } from '@grammyjs/types';
import { AuthFailedError, MisconfiguredError, PermanentConnectorError, RateLimitedError, TransientConnectorError } from '../connectors/connector-errors';
import { requestJson } from '../connectors/http-json';
import { Sleep, sleep } from '../connectors/rate-limiter';
import { DEFAULT_RETRY_POLICY, RetryPolicy, withRetry } from '../connectors/retry';
import { TELEGRAM_UPDATE_TYPES } from './telegram.mapper';

/** How to reach the Bot API. */
export interface TelegramClientOptions {
  /** `https://api.telegram.org` in production; a local server in tests. */
  baseUrl: string;
  /** Extra time beyond the long-poll timeout before the request counts as hung. */
  timeoutMarginMs: number;
  retry: RetryPolicy;
  sleep?: Sleep;
}

/** Defaults for production. */
export const DEFAULT_TELEGRAM_CLIENT_OPTIONS: TelegramClientOptions = {
  baseUrl: 'https://api.telegram.org',
  timeoutMarginMs: 10_000,
  retry: DEFAULT_RETRY_POLICY,
};

/**
 * Bot API getUpdates. The token is part of the path by the API's design, so no error message or
 * log line here ever includes the URL.
 */
export class TelegramApiClient {
  constructor(private readonly options: TelegramClientOptions = DEFAULT_TELEGRAM_CLIENT_OPTIONS) {}

  /** Updates from `offset` (confirming everything before it), waiting up to `timeoutSec` for new ones. */
  getUpdates(token: string, offset: number | undefined, timeoutSec: number, signal?: AbortSignal, limit = 100): Promise<Update[]> {
    const form: Record<string, string> = {
      timeout: String(timeoutSec),
      limit: String(limit),
      allowed_updates: JSON.stringify(TELEGRAM_UPDATE_TYPES),
    };
    if (offset !== undefined) form.offset = String(offset);
    return withRetry(
      async () => {
        const body = (await requestJson({
          url: `${this.options.baseUrl}/bot${token}/getUpdates`,
          form,
          timeoutMs: timeoutSec * 1000 + this.options.timeoutMarginMs,
          label: 'telegram getUpdates',
          signal,
        })) as ApiResponse<Update[]>;
        if (body.ok) return body.result;
        const message = `telegram getUpdates: ${body.error_code} ${body.description}`;
        if (body.error_code === 401 || body.error_code === 404) throw new AuthFailedError(message, body.error_code);
        if (body.error_code === 409) throw new MisconfiguredError(`${message} (remove the webhook or stop the other poller)`, 409);
        if (body.error_code === 429) throw new RateLimitedError(message, (body.parameters?.retry_after ?? 1) * 1000, 429);
        if (body.error_code >= 500) throw new TransientConnectorError(message, body.error_code);
        throw new PermanentConnectorError(message, body.error_code);
      },
      this.options.retry,
      this.options.sleep ?? sleep,
    );
  }
}
