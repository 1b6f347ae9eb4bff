import { register } from 'prom-client';
import { observePostToTimed, POST_TO_TIMED_METRIC, uuidV7Millis } from './slo';

function uuidV7At(millis: number): string {
  const hex = millis.toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8)}-7abc-8def-0123456789ab`;
}

async function observed(): Promise<{ count: number; sum: number }> {
  const metric = await register.getSingleMetric(POST_TO_TIMED_METRIC)?.get();
  const value = (suffix: string) => metric?.values.find((v) => (v as { metricName?: string }).metricName === `${POST_TO_TIMED_METRIC}${suffix}`)?.value ?? 0;
  return { count: value('_count'), sum: value('_sum') };
}

describe('observePostToTimed', () => {
  beforeEach(() => register.getSingleMetric(POST_TO_TIMED_METRIC)?.reset());

  it('reads the time part of a UUIDv7', () => {
    expect(uuidV7Millis(uuidV7At(1_780_000_000_123))).toBe(1_780_000_000_123);
    expect(uuidV7Millis('not-a-uuid')).toBeUndefined();
  });

  it('observes the seconds between the correlation id and the clock', async () => {
    const timedAt = Date.parse('2026-12-01T10:00:00Z');

    observePostToTimed(uuidV7At(timedAt - 90_000), timedAt);

    expect(await observed()).toEqual({ count: 1, sum: 90 });
  });

  it('skips a correlation id that is not a UUIDv7 or lies in the future', async () => {
    const timedAt = Date.parse('2026-12-01T10:00:00Z');

    observePostToTimed('operator-action-7', timedAt);
    observePostToTimed(uuidV7At(timedAt + 1_000), timedAt);

    expect(await observed()).toEqual({ count: 0, sum: 0 });
  });
});
