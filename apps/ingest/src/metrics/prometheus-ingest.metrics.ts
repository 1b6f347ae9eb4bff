import { Counter, Gauge, Histogram, register } from 'prom-client';
import type { Platform } from '@otklik/contracts';
import type { SourceStatusStore } from '../sources/source-status.store';
import { sourceLagSeconds, SourceState } from '../sources/source.model';
import type { IngestMetrics, RecordedOutcome } from './ingest-metrics';

/** A metric of the default registry, created once even when specs build the module again. */
function once<T>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}

/**
 * Ingest's Prometheus metrics. Per-source lag and state are read from the status store at scrape
 * time, so they are right even for sources whose poller is stuck.
 */
export class PrometheusIngestMetrics implements IngestMetrics {
  private readonly posts = once(
    'ingest_posts_total',
    () =>
      new Counter({
        name: 'ingest_posts_total',
        help: 'Observations recorded, by platform and outcome.',
        labelNames: ['platform', 'outcome'],
      }),
  );
  private readonly filtered = once(
    'ingest_filtered_total',
    () =>
      new Counter({
        name: 'ingest_filtered_total',
        help: 'Posts held back by the spam filter, by reason.',
        labelNames: ['reason'],
      }),
  );
  private readonly duplicates = once(
    'ingest_near_duplicates_total',
    () =>
      new Counter({
        name: 'ingest_near_duplicates_total',
        help: 'New posts linked to an earlier post as near-duplicates.',
      }),
  );
  private readonly runs = once(
    'ingest_poll_runs_total',
    () =>
      new Counter({
        name: 'ingest_poll_runs_total',
        help: 'Polling runs, by final state.',
        labelNames: ['state'],
      }),
  );
  private readonly runSeconds = once(
    'ingest_poll_duration_seconds',
    () =>
      new Histogram({
        name: 'ingest_poll_duration_seconds',
        help: 'Duration of polling runs.',
        buckets: [0.1, 0.5, 1, 5, 15, 30, 60, 300],
      }),
  );

  constructor(status: SourceStatusStore, now: () => Date = () => new Date()) {
    once(
      'ingest_source_lag_seconds',
      () =>
        new Gauge({
          name: 'ingest_source_lag_seconds',
          help: 'Seconds since the last successful run of each source.',
          labelNames: ['source'],
          async collect() {
            this.reset();
            for (const s of await status.list()) {
              const lag = sourceLagSeconds(s, now());
              if (lag !== undefined) this.set({ source: s.sourceId }, lag);
            }
          },
        }),
    );
    once(
      'ingest_source_failing',
      () =>
        new Gauge({
          name: 'ingest_source_failing',
          help: '1 for each source whose last run failed, skipped or was throttled.',
          labelNames: ['source', 'state'],
          async collect() {
            this.reset();
            for (const s of await status.list()) if (s.state !== 'ok' && s.state !== 'idle') this.set({ source: s.sourceId, state: s.state }, 1);
          },
        }),
    );
  }

  recorded(platform: Platform, _sourceId: string, result: RecordedOutcome): void {
    this.posts.inc({ platform, outcome: result.outcome });
    for (const reason of result.filterReasons ?? []) this.filtered.inc({ reason });
    if (result.duplicateOf) this.duplicates.inc();
  }

  pollFinished(_sourceIds: string[], state: SourceState, durationMs: number): void {
    this.runs.inc({ state });
    this.runSeconds.observe(durationMs / 1000);
  }
}
