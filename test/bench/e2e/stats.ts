/** The q-th quantile (0..1) of sorted numbers; NaN when there are none. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** `p50/p95/p99/max` of some milliseconds, as one short text. */
export function percentiles(values: readonly number[]): string {
  if (values.length === 0) return 'n/a';
  const sorted = [...values].sort((a, b) => a - b);
  const ms = (v: number) => (v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`);
  return `p50 ${ms(quantile(sorted, 0.5))}, p95 ${ms(quantile(sorted, 0.95))}, p99 ${ms(quantile(sorted, 0.99))}, max ${ms(sorted[sorted.length - 1])} (n=${values.length})`;
}

/** Megabytes with one decimal. */
export const mb = (bytes: number): string => `${(bytes / 1048576).toFixed(0)} MB`;
