import { Module, OnModuleInit } from '@nestjs/common';
import { ConfigModule } from '@otklik/config';
import { ingestConfig } from '../config/ingest.config';
import { MetricsModule } from '../metrics/metrics.module';
import { PrometheusIngestMetrics } from '../metrics/prometheus-ingest.metrics';
import type { MongoPostStore } from '../posts/mongo-post.store';
import { PostRecorderService } from '../posts/post-recorder.service';
import { PostsModule } from '../posts/posts.module';
import { POST_STORE } from '../posts/posts.tokens';
import type { CheckpointStore } from '../sources/checkpoint.store';
import { CredentialResolver } from '../sources/credentials';
import { SourceChanges } from '../sources/source-changes';
import type { SourceStatusStore } from '../sources/source-status.store';
import { SourcesModule } from '../sources/sources.module';
import { CHECKPOINT_STORE, SOURCE_STATUS_STORE } from '../sources/sources.tokens';
import { PollRunnerService } from './poll-runner.service';
import { PollSchedulerService } from './poll-scheduler.service';
import { PollerRegistry } from './poller-registry';

/** Polling: every enabled source on its own loop, with the poller its connector registered for it. */
@Module({
  imports: [ConfigModule.forFeature(ingestConfig), SourcesModule, PostsModule, MetricsModule],
  providers: [
    PollerRegistry,
    {
      provide: PollRunnerService,
      inject: [PostRecorderService, POST_STORE, CHECKPOINT_STORE, SOURCE_STATUS_STORE, CredentialResolver, PrometheusIngestMetrics],
      useFactory: (recorder: PostRecorderService, posts: MongoPostStore, checkpoints: CheckpointStore, status: SourceStatusStore, credentials: CredentialResolver, metrics: PrometheusIngestMetrics) =>
        new PollRunnerService({ recorder, posts, checkpoints, status, credentials, metrics }),
    },
    PollSchedulerService,
  ],
  exports: [PollerRegistry],
})
export class PollingModule implements OnModuleInit {
  constructor(
    private readonly changes: SourceChanges,
    private readonly scheduler: PollSchedulerService,
  ) {}

  /** A change made through the sources API reaches polling at once, not at the next refresh. */
  onModuleInit(): void {
    this.changes.watch(this.scheduler);
  }
}
