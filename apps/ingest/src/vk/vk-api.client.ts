import type { BaseError } from '@vkontakte/api-schema-typescript';
import { TransientConnectorError } from '../connectors/connector-errors';
import { ErrorCodeTable, errorForCode, LimitedApi, PlatformClientOptions } from '../connectors/limited-api';
import { DEFAULT_RETRY_POLICY } from '../connectors/retry';

/** VK API version the payload types come from (`@vkontakte/api-schema-typescript`). */
export const VK_API_VERSION = '5.199';

/** How to reach VK (`https://api.vk.com`); VK allows 3 requests a second per token. */
export type VkClientOptions = PlatformClientOptions;

/** Defaults for production. */
export const DEFAULT_VK_CLIENT_OPTIONS: VkClientOptions = {
  baseUrl: 'https://api.vk.com',
  requestsPerSecond: 3,
  timeoutMs: 20_000,
  retry: DEFAULT_RETRY_POLICY,
  slowDownMs: 10 * 60_000,
};

/** 6 too many requests; 1, 10 VK's own trouble; 9 flood control, 29 method quota; 5, 27 auth; 15, 18, 30 denied/deleted/private. */
export const VK_ERROR_CODES: ErrorCodeTable = {
  tooFast: new Set([6]),
  transient: new Set([1, 10]),
  slowDown: new Set([9, 29]),
  auth: new Set([5, 27]),
  skip: new Set([15, 18, 30]),
};

/**
 * Calls VK API methods within VK's limits: requests are spaced per token, error 6 backs off and
 * retries, 9/29 slow the token down and stop the run, 5/27 and 15/18/30 surface as typed errors.
 * The token travels in the POST body, never in a URL that could be logged.
 */
export class VkApiClient {
  private readonly api: LimitedApi;

  constructor(private readonly options: VkClientOptions = DEFAULT_VK_CLIENT_OPTIONS) {
    this.api = new LimitedApi(options);
  }

  /** Calls `method` with `params` and returns VK's `response`. */
  call<T>(method: string, params: Record<string, string | number | undefined>, token: string): Promise<T> {
    const form: Record<string, string> = { access_token: token, v: VK_API_VERSION };
    for (const [name, value] of Object.entries(params)) if (value !== undefined) form[name] = String(value);
    const label = `vk ${method}`;
    return this.api.call(token, { url: `${this.options.baseUrl}/method/${method}`, form, timeoutMs: this.options.timeoutMs, label }, (body) => {
      if ('error' in body) {
        const error = body.error as BaseError;
        throw errorForCode(`${label}: error ${error.error_code ?? 0} ${error.error_msg ?? ''}`.trim(), error.error_code ?? 0, VK_ERROR_CODES);
      }
      if (!('response' in body)) throw new TransientConnectorError(`${label}: no response field`);
      return body.response as T;
    });
  }
}
