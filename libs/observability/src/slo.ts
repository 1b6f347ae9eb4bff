import { Histogram, register } from 'prom-client';

/** Name of the service-level histogram: a citizen's post to a running SLA clock. */
export const POST_TO_TIMED_METRIC = 'otklik_slo_post_to_timed_seconds';

const UUID_V7 = /^([0-9a-f]{8})-([0-9a-f]{4})-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

function postToTimed(): Histogram {
  return (
    (register.getSingleMetric(POST_TO_TIMED_METRIC) as Histogram | undefined) ??
    new Histogram({
      name: POST_TO_TIMED_METRIC,
      help: 'Seconds from the post that started a correlation to the incident clock armed from it',
      buckets: [5, 15, 30, 60, 120, 300, 600, 1800, 3600, 14400, 86400],
    })
  );
}

/** Milliseconds encoded in a UUIDv7, or undefined for any other id. */
export function uuidV7Millis(id: string): number | undefined {
  const match = UUID_V7.exec(id);
  return match ? parseInt(match[1] + match[2], 16) : undefined;
}

/**
 * Records the end-to-end latency of one incident: from the post that started its correlation (the
 * time part of the post event's UUIDv7 id, which ingest takes from the post's publication) to
 * `timedAt`, when its SLA clock was armed. Ids that are not UUIDv7 and times in the future are skipped.
 */
export function observePostToTimed(correlationId: string, timedAt: number = Date.now()): void {
  const postedAt = uuidV7Millis(correlationId);
  if (postedAt === undefined || postedAt > timedAt) return;
  postToTimed().observe((timedAt - postedAt) / 1000);
}
