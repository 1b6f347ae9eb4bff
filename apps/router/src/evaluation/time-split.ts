/** A time-ordered split: everything before the cut trains, the latest days validate. */
export interface TimeSplit<T> {
  train: T[];
  validation: T[];
  cut: Date;
}

/** Validation = items of the last `days` days of the data (by `at`), training = everything earlier. */
export function splitByTime<T>(items: readonly T[], at: (item: T) => Date, days: number): TimeSplit<T> {
  if (items.length === 0) throw new Error('no items to split');
  const sorted = [...items].sort((a, b) => at(a).getTime() - at(b).getTime());
  const last = at(sorted[sorted.length - 1]).getTime();
  const cut = new Date(last - days * 86_400_000);
  return {
    train: sorted.filter((x) => at(x) < cut),
    validation: sorted.filter((x) => at(x) >= cut),
    cut,
  };
}
