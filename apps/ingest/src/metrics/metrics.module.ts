import { Module } from '@nestjs/common';
import type { SourceStatusStore } from '../sources/source-status.store';
import { SourcesModule } from '../sources/sources.module';
import { SOURCE_STATUS_STORE } from '../sources/sources.tokens';
import { PrometheusIngestMetrics } from './prometheus-ingest.metrics';

/** Ingest's Prometheus metrics: observations recorded, polling runs, each source's lag and state. */
@Module({
  imports: [SourcesModule],
  providers: [{ provide: PrometheusIngestMetrics, inject: [SOURCE_STATUS_STORE], useFactory: (status: SourceStatusStore) => new PrometheusIngestMetrics(status) }],
  exports: [PrometheusIngestMetrics],
})
export class MetricsModule {}
