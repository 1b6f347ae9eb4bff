import type { Platform } from '@otklik/contracts';
import type { SourceState } from '../sources/source.model';

/** What is counted of one recorded observation: the recorder's RecordResult, as metrics see it. */
export interface RecordedOutcome {
  outcome: string;
  duplicateOf?: string;
  filterReasons?: string[];
}

/** What ingest counts; the service binds it to Prometheus, specs to nothing. */
export interface IngestMetrics {
  recorded(platform: Platform, sourceId: string, result: RecordedOutcome): void;
  pollFinished(sourceIds: string[], state: SourceState, durationMs: number): void;
}

/** Metrics that go nowhere. */
export const NO_METRICS: IngestMetrics = { recorded: () => undefined, pollFinished: () => undefined };
