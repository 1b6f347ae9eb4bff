import type { Platform } from '@otklik/contracts';
import type { SourceState } from '../sources/source.model';
import type { RecordResult } from './post.model';

/** What ingest counts; the service binds it to Prometheus, specs to nothing. */
export interface IngestMetrics {
  recorded(platform: Platform, sourceId: string, result: RecordResult): void;
  pollFinished(sourceIds: string[], state: SourceState, durationMs: number): void;
}

/** Metrics that go nowhere. */
export const NO_METRICS: IngestMetrics = { recorded: () => undefined, pollFinished: () => undefined };
