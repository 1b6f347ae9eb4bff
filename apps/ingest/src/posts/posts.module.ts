import { Module } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { ConfigModule } from '@otklik/config';
import { ingestConfig, IngestConfig } from '../config/ingest.config';
import { DedupModule } from '../dedup/dedup.module';
import { NearDuplicateService } from '../dedup/near-duplicate.service';
import { RecentPostsIndex } from '../dedup/recent-posts.index';
import { MetricsModule } from '../metrics/metrics.module';
import { PrometheusIngestMetrics } from '../metrics/prometheus-ingest.metrics';
import { Pseudonymiser } from '../normalisation/pseudonymiser';
import type { SourceStatusStore } from '../sources/source-status.store';
import { SourcesModule } from '../sources/sources.module';
import { SOURCE_STATUS_STORE } from '../sources/sources.tokens';
import { SpamFilterService } from '../spam/spam-filter.service';
import { BufferedCounters } from './buffered-counters';
import { BufferedRawPayloads } from './buffered-raw-payloads';
import { HeldPostReleaseService } from './held-post-release.service';
import { MongoPostStore, MongoRawPayloadStore } from './mongo-post.store';
import { PostOutboxRelay } from './post-outbox.relay';
import { PostRecorderService } from './post-recorder.service';
import { PostsController } from './posts.controller';
import { PostsLifecycle } from './posts.lifecycle';
import { POST_STORE, RAW_PAYLOAD_STORE } from './posts.tokens';

const CONNECTION = getConnectionToken();

/** One post, exactly once: the post store and its outbox relay, the recorder, the posts API, raw payloads. */
@Module({
  imports: [ConfigModule.forFeature(ingestConfig), SourcesModule, DedupModule, MetricsModule],
  controllers: [PostsController],
  providers: [
    { provide: POST_STORE, inject: [CONNECTION], useFactory: (c: Connection) => new MongoPostStore(c) },
    { provide: RAW_PAYLOAD_STORE, inject: [CONNECTION], useFactory: (c: Connection) => new MongoRawPayloadStore(c) },
    { provide: BufferedRawPayloads, inject: [RAW_PAYLOAD_STORE], useFactory: (raw: MongoRawPayloadStore) => new BufferedRawPayloads(raw) },
    { provide: BufferedCounters, inject: [SOURCE_STATUS_STORE], useFactory: (status: SourceStatusStore) => new BufferedCounters(status) },
    PostOutboxRelay,
    {
      provide: PostRecorderService,
      inject: [POST_STORE, BufferedRawPayloads, BufferedCounters, PrometheusIngestMetrics, RecentPostsIndex, NearDuplicateService, PostOutboxRelay, ingestConfig.KEY],
      useFactory: (
        posts: MongoPostStore,
        raw: BufferedRawPayloads,
        counters: BufferedCounters,
        metrics: PrometheusIngestMetrics,
        recent: RecentPostsIndex,
        duplicates: NearDuplicateService,
        outbox: PostOutboxRelay,
        config: IngestConfig,
      ) =>
        new PostRecorderService({
          posts,
          raw,
          counters,
          metrics,
          recent,
          outbox,
          duplicates,
          pseudonymiser: new Pseudonymiser(config.pseudonymKey),
          spam: new SpamFilterService(recent),
        }),
    },
    {
      provide: HeldPostReleaseService,
      inject: [POST_STORE, PostRecorderService],
      useFactory: (posts: MongoPostStore, recorder: PostRecorderService) => new HeldPostReleaseService(posts, recorder),
    },
    PostsLifecycle,
  ],
  exports: [POST_STORE, RAW_PAYLOAD_STORE, PostRecorderService, PostOutboxRelay],
})
export class PostsModule {}
