import type { SourceStatusStore } from '../sources/source-status.store';
import type { SourceCounters } from '../sources/source.model';

/**
 * Adds up per-source counters in memory and writes them with one $inc per source per flush, so
 * recording a post costs no extra round trip. A crash loses at most one flush interval of counts;
 * the posts themselves are unaffected.
 */
export class BufferedCounters implements Pick<SourceStatusStore, 'increment'> {
  private pending = new Map<string, Partial<SourceCounters>>();
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly store: Pick<SourceStatusStore, 'increment'>) {}

  async increment(sourceId: string, counters: Partial<SourceCounters>): Promise<void> {
    const sum = this.pending.get(sourceId) ?? {};
    for (const [name, value] of Object.entries(counters) as [keyof SourceCounters, number][]) sum[name] = (sum[name] ?? 0) + value;
    this.pending.set(sourceId, sum);
  }

  /** Writes what has been counted since the last flush; flushes run one after another. */
  flush(): Promise<void> {
    const batch = this.pending;
    this.pending = new Map();
    this.flushing = this.flushing.then(async () => {
      for (const [sourceId, counters] of batch) await this.store.increment(sourceId, counters);
    });
    return this.flushing;
  }
}
