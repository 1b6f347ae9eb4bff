import { DeliveryError } from './delivery.types';

/** A provider's HTTP answer, read whole. */
export interface HttpAnswer {
  status: number;
  headers: Headers;
  text: string;
}

export interface HttpRequest {
  url: string;
  /** JSON object (sent as application/json) or form fields (application/x-www-form-urlencoded). */
  json?: unknown;
  form?: Record<string, string>;
  /** Raw body with its own content type, sent byte for byte (signed webhooks). */
  raw?: { body: string; contentType: string };
  headers?: Record<string, string>;
  timeoutMs: number;
}

/** POSTs and reads the answer; a network failure or timeout becomes a transient DeliveryError. */
export async function post(request: HttpRequest): Promise<HttpAnswer> {
  const headers: Record<string, string> = { ...request.headers };
  let body: string | URLSearchParams | undefined;
  if (request.raw) {
    headers['content-type'] = request.raw.contentType;
    body = request.raw.body;
  } else if (request.form) {
    body = new URLSearchParams(request.form);
  } else if (request.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(request.json);
  }
  try {
    const res = await fetch(request.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(request.timeoutMs) });
    return { status: res.status, headers: res.headers, text: await res.text() };
  } catch (err) {
    throw DeliveryError.transient(`${hostOf(request.url)}: ${describe(err)}`, undefined, err);
  }
}

/** Parses a provider's JSON answer; a truncated or non-JSON body is a transient failure. */
export function parseJson<T>(answer: HttpAnswer, provider: string): T {
  try {
    return JSON.parse(answer.text) as T;
  } catch (err) {
    throw DeliveryError.transient(`${provider}: unreadable answer (HTTP ${answer.status})`, undefined, err);
  }
}

/** Seconds from a Retry-After header (delta form), in ms. */
export function retryAfterHeaderMs(headers: Headers): number | undefined {
  const v = headers.get('retry-after');
  if (!v) return undefined;
  const seconds = Number(v);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(v);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'invalid-url';
  }
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
    return `${err.name === 'TimeoutError' ? 'timed out' : err.message}${cause}`;
  }
  return String(err);
}
