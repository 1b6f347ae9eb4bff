import { ErrorCodeTable, errorForCode, LimitedApi, PlatformClientOptions } from '../connectors/limited-api';
import { DEFAULT_RETRY_POLICY } from '../connectors/retry';
import { okSignature } from './ok-signature';
import type { OkErrorAnswer } from './ok.types';

/** The three secrets of an OK call. */
export interface OkCredentials {
  accessToken: string;
  applicationKey: string;
  applicationSecretKey: string;
}

/** How to reach OK (`https://api.ok.ru`). */
export type OkClientOptions = PlatformClientOptions;

/** Defaults for production. */
export const DEFAULT_OK_CLIENT_OPTIONS: OkClientOptions = {
  baseUrl: 'https://api.ok.ru',
  requestsPerSecond: 3,
  timeoutMs: 20_000,
  retry: DEFAULT_RETRY_POLICY,
  slowDownMs: 10 * 60_000,
};

/** 1, 2 OK's own trouble; 7, 8, 9, 11 blocked or limit reached; 101–104 key, session or signature; 10, 300 denied or not found. */
export const OK_ERROR_CODES: ErrorCodeTable = {
  tooFast: new Set(),
  transient: new Set([1, 2]),
  slowDown: new Set([7, 8, 9, 11]),
  auth: new Set([101, 102, 103, 104]),
  skip: new Set([10, 300]),
};

/** Calls OK REST API methods (fb.do) signed per OK's rules, within the same limits as VK. */
export class OkApiClient {
  private readonly api: LimitedApi;

  constructor(private readonly options: OkClientOptions = DEFAULT_OK_CLIENT_OPTIONS) {
    this.api = new LimitedApi(options);
  }

  call<T>(method: string, params: Record<string, string | number | undefined>, credentials: OkCredentials): Promise<T> {
    const signed: Record<string, string> = { application_key: credentials.applicationKey, format: 'json', method };
    for (const [name, value] of Object.entries(params)) if (value !== undefined) signed[name] = String(value);
    const form = {
      ...signed,
      sig: okSignature(signed, credentials.accessToken, credentials.applicationSecretKey),
      access_token: credentials.accessToken,
    };
    const label = `ok ${method}`;
    return this.api.call(credentials.accessToken, { url: `${this.options.baseUrl}/fb.do`, form, timeoutMs: this.options.timeoutMs, label }, (body) => {
      if ('error_code' in body) {
        const { error_code: code, error_msg: message } = body as OkErrorAnswer;
        throw errorForCode(`${label}: error ${code} ${message ?? ''}`.trim(), code, OK_ERROR_CODES);
      }
      return body as T;
    });
  }
}
