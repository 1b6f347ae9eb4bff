import type { SkipNote } from './source.model';
import type { SourceCounters, SourceState, SourceStatus } from './source.model';

/** How a run ended, for the status of each source it served. */
export interface RunEnd {
  at: Date;
  state: SourceState;
  error?: { code?: string | number; reason: string };
  newestPostAt?: Date;
}

/** Where source health is kept; counters are incremented in place so that dashboards stay cheap. */
export interface SourceStatusStore {
  get(sourceId: string): Promise<SourceStatus | null>;
  list(): Promise<SourceStatus[]>;
  runFinished(sourceIds: string[], end: RunEnd): Promise<void>;
  addSkipped(sourceId: string, notes: SkipNote[], at: Date): Promise<void>;
  increment(sourceId: string, counters: Partial<SourceCounters>): Promise<void>;
}
