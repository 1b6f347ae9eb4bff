import type { CounterRecord } from './counter.schema';
import type { MetricKey, MetricKind } from './metrics';

/** Where the dashboard counters are kept; which incident added to which is the incidents' own mark (IncidentStore). */
export abstract class CounterStore {
  /** Adds one to the metric's counter, creating it at one. */
  abstract increment(metric: MetricKey): Promise<void>;
  /** Takes one from a counter. */
  abstract decrement(counter: string): Promise<void>;
  /** Counters of one kind over a span of days (inclusive) that are above zero. */
  abstract range(kind: MetricKind, fromDay: string, toDay: string): Promise<CounterRecord[]>;
  /** Sets every counter to its count in `totals` (by counter key), and every other one to zero. */
  abstract replaceAll(totals: ReadonlyMap<string, { metric: MetricKey; count: number }>): Promise<void>;
}
