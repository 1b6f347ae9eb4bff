import { PermanentConnectorError, RateLimitedError, TransientConnectorError } from './connector-errors';

/** One HTTP request to a platform API. */
export interface HttpJsonRequest {
  url: string;
  method?: 'GET' | 'POST';
  /** Sent as application/x-www-form-urlencoded: tokens travel in the body, not in logged URLs. */
  form?: Record<string, string>;
  timeoutMs: number;
  /** Name of the API for error messages, e.g. `vk wall.get`. */
  label: string;
  /** Aborts the request when the service stops (long polls). */
  signal?: AbortSignal;
}

function retryAfterMs(header: string | null): number | undefined {
  if (header === null) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** Telegram puts the wait in the body (`parameters.retry_after`, seconds) rather than a header. */
function bodyRetryAfterMs(text: string): number | undefined {
  try {
    const seconds: unknown = (JSON.parse(text) as { parameters?: { retry_after?: unknown } }).parameters?.retry_after;
    return typeof seconds === 'number' ? seconds * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Sends a request and parses the JSON answer. Network errors, timeouts, 5xx and bodies that end
 * early (truncated, not JSON) are transient; 429 is a rate limit; other 4xx are permanent. Platforms
 * that report errors inside a 200 body are checked by their own client.
 */
export async function requestJson(request: HttpJsonRequest): Promise<unknown> {
  let response: Response;
  let text: string;
  try {
    response = await fetch(request.url, {
      method: request.method ?? (request.form ? 'POST' : 'GET'),
      headers: request.form ? { 'content-type': 'application/x-www-form-urlencoded' } : undefined,
      body: request.form ? new URLSearchParams(request.form).toString() : undefined,
      signal: request.signal ? AbortSignal.any([request.signal, AbortSignal.timeout(request.timeoutMs)]) : AbortSignal.timeout(request.timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    // Stopping is not a platform fault: let it through untouched so nobody retries it.
    if (request.signal?.aborted) throw error;
    const reason = error instanceof Error && error.name === 'TimeoutError' ? `timed out after ${request.timeoutMs} ms` : 'connection failed or body cut short';
    throw new TransientConnectorError(`${request.label}: ${reason}`, 'network');
  }
  if (response.status === 429) {
    throw new RateLimitedError(`${request.label}: HTTP 429`, retryAfterMs(response.headers.get('retry-after')) ?? bodyRetryAfterMs(text), 429);
  }
  if (response.status >= 500) throw new TransientConnectorError(`${request.label}: HTTP ${response.status}`, response.status);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    if (response.status >= 400) throw new PermanentConnectorError(`${request.label}: HTTP ${response.status}`, response.status);
    throw new TransientConnectorError(`${request.label}: body is not complete JSON (${text.length} bytes)`, 'truncated');
  }
  if (response.status >= 400 && (typeof body !== 'object' || body === null)) {
    throw new PermanentConnectorError(`${request.label}: HTTP ${response.status}`, response.status);
  }
  return body;
}
