import { authHeader } from '@otklik/testing';
import type { IntakePost } from './appeal-posts';

/** What sending a run's posts to ingest's intake took. */
export interface DriveResult {
  /** Wall clock of the first request and of the last answer. */
  startedAt: number;
  finishedAt: number;
  /** Posts ingest recorded as received (the rest were filtered, duplicates or unchanged). */
  received: number;
  outcomes: Record<string, number>;
  /** Milliseconds each request took. */
  requestMs: number[];
  /** Batches sent later than their schedule because too many requests were open. */
  late: number;
}

const sleep = (ms: number) => new Promise((wake) => setTimeout(wake, ms));

/**
 * Sends posts to `POST /v1/posts` as an integration would: flat out (`rate` 0: batches of 1,000,
 * `flatOutConcurrency` requests open) or open-loop at a fixed rate (a batch every 50 ms; a request
 * that has not answered does not hold back the next, up to 64 open).
 */
export async function drive(
  ingestUrl: string,
  total: number,
  rate: number,
  postAt: (n: number) => IntakePost,
  options: { flatOutConcurrency?: number; onProgress?: (sent: number) => void } = {},
): Promise<DriveResult> {
  const result: DriveResult = { startedAt: Date.now(), finishedAt: 0, received: 0, outcomes: {}, requestMs: [], late: 0 };
  const headers = { 'content-type': 'application/json', ...authHeader({ role: 'integration' }) };
  const send = async (from: number, count: number) => {
    const body = JSON.stringify(Array.from({ length: count }, (_, i) => postAt(from + i)));
    const started = Date.now();
    const response = await fetch(`${ingestUrl}/v1/posts`, { method: 'POST', headers, body });
    const text = await response.text();
    if (!response.ok) throw new Error(`POST /v1/posts: ${response.status} ${text.slice(0, 500)}`);
    result.requestMs.push(Date.now() - started);
    for (const item of (JSON.parse(text) as { results: { outcome: string }[] }).results) {
      result.outcomes[item.outcome] = (result.outcomes[item.outcome] ?? 0) + 1;
      if (item.outcome === 'received') result.received += 1;
    }
  };
  let sent = 0;
  if (rate <= 0) {
    const lane = async () => {
      while (sent < total) {
        const from = sent;
        const count = Math.min(1000, total - from);
        sent += count;
        await send(from, count);
        options.onProgress?.(sent);
      }
    };
    await Promise.all(Array.from({ length: options.flatOutConcurrency ?? 4 }, lane));
  } else {
    const batch = Math.max(1, Math.min(1000, Math.round(rate / 20)));
    const open = new Set<Promise<void>>();
    for (let k = 0; sent < total; k += 1) {
      const due = result.startedAt + (k * batch * 1000) / rate;
      if (Date.now() < due) await sleep(due - Date.now());
      while (open.size >= 64) {
        result.late += 1;
        await Promise.race(open);
      }
      const count = Math.min(batch, total - sent);
      const request = send(sent, count).finally(() => open.delete(request));
      open.add(request);
      sent += count;
      options.onProgress?.(sent);
    }
    await Promise.all(open);
  }
  result.finishedAt = Date.now();
  return result;
}
