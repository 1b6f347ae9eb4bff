import type { Provider } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { DEFAULT_NEAR_DUPLICATE_OPTIONS, NearDuplicateService } from './dedup/near-duplicate.service';
import { RecentPostsIndex } from './dedup/recent-posts.index';
import { ingestConfig, IngestConfig } from './config/ingest.config';
import { CHECKPOINT_STORE, POST_STORE, RAW_PAYLOAD_STORE, SOURCE_STATUS_STORE } from './config/ingest.tokens';
import { IntakeService } from './intake/intake.service';
import { PrometheusIngestMetrics } from './metrics/prometheus-ingest.metrics';
import { Pseudonymiser } from './normalisation/pseudonymiser';
import { DEFAULT_OK_CLIENT_OPTIONS, OkApiClient } from './ok/ok-api.client';
import { OkFeedPoller } from './ok/ok.poller';
import { PostOutboxRelay } from './outbox/post-outbox.relay';
import type { CheckpointStore } from './sources/checkpoint.store';
import { PollRunnerService } from './polling/poll-runner.service';
import { PollerRegistry } from './polling/poller-registry';
import { POLLERS } from './polling/pollers.token';
import { MongoPostStore, MongoRawPayloadStore } from './posts/mongo-post.store';
import { BufferedRawPayloads } from './posts/buffered-raw-payloads';
import { PostRecorderService } from './posts/post-recorder.service';
import { BufferedCounters } from './sources/buffered-counters';
import { CredentialResolver } from './sources/credentials';
import { MongoCheckpointStore, MongoSourceConfigStore, MongoSourceStatusStore } from './sources/mongo-source.store';
import type { SourceStatusStore } from './sources/source-status.store';
import { SourcesService } from './sources/sources.service';
import { HeldPostReleaseService } from './posts/held-post-release.service';
import { SpamFilterService } from './spam/spam-filter.service';
import { DEFAULT_TELEGRAM_CLIENT_OPTIONS, TelegramApiClient } from './telegram/telegram-api.client';
import { TelegramWebhookService } from './telegram/telegram-webhook.service';
import { TelegramPoller } from './telegram/telegram.poller';
import { DEFAULT_VK_CLIENT_OPTIONS, VkApiClient } from './vk/vk-api.client';
import { VkCallbackService } from './vk/vk-callback.service';
import { VkSearchPoller } from './vk/vk-search.poller';
import { VkWallPoller } from './vk/vk-wall.poller';

const CONNECTION = getConnectionToken();
const CONFIG = ingestConfig.KEY;

/** Stores over the service's own database. */
export const STORE_PROVIDERS: Provider[] = [
  { provide: POST_STORE, inject: [CONNECTION], useFactory: (c: Connection) => new MongoPostStore(c) },
  { provide: RAW_PAYLOAD_STORE, inject: [CONNECTION], useFactory: (c: Connection) => new MongoRawPayloadStore(c) },
  { provide: SOURCE_STATUS_STORE, inject: [CONNECTION], useFactory: (c: Connection) => new MongoSourceStatusStore(c) },
  { provide: CHECKPOINT_STORE, inject: [CONNECTION], useFactory: (c: Connection) => new MongoCheckpointStore(c) },
  { provide: MongoSourceConfigStore, inject: [CONNECTION], useFactory: (c: Connection) => new MongoSourceConfigStore(c) },
];

/** The domain services, built from the stores and the configuration. */
export const DOMAIN_PROVIDERS: Provider[] = [
  { provide: CredentialResolver, useFactory: () => new CredentialResolver(process.env) },
  { provide: PrometheusIngestMetrics, inject: [SOURCE_STATUS_STORE], useFactory: (s: SourceStatusStore) => new PrometheusIngestMetrics(s) },
  { provide: RecentPostsIndex, useFactory: () => new RecentPostsIndex(DEFAULT_NEAR_DUPLICATE_OPTIONS.windowMs) },
  { provide: BufferedCounters, inject: [SOURCE_STATUS_STORE], useFactory: (status: SourceStatusStore) => new BufferedCounters(status) },
  {
    provide: BufferedRawPayloads,
    inject: [RAW_PAYLOAD_STORE],
    useFactory: (raw: MongoRawPayloadStore) => new BufferedRawPayloads(raw),
  },
  {
    provide: PostRecorderService,
    inject: [POST_STORE, BufferedRawPayloads, BufferedCounters, PrometheusIngestMetrics, RecentPostsIndex, PostOutboxRelay, CONFIG],
    useFactory: (
      posts: MongoPostStore,
      raw: BufferedRawPayloads,
      counters: BufferedCounters,
      metrics: PrometheusIngestMetrics,
      recent: RecentPostsIndex,
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
        pseudonymiser: new Pseudonymiser(config.pseudonymKey),
        duplicates: new NearDuplicateService(recent),
        spam: new SpamFilterService(recent),
      }),
  },
  {
    provide: HeldPostReleaseService,
    inject: [POST_STORE, PostRecorderService],
    useFactory: (posts: MongoPostStore, recorder: PostRecorderService) => new HeldPostReleaseService(posts, recorder),
  },
  {
    provide: SourcesService,
    inject: [MongoSourceConfigStore, SOURCE_STATUS_STORE, CredentialResolver],
    useFactory: (configs: MongoSourceConfigStore, status: SourceStatusStore, credentials: CredentialResolver) => new SourcesService(configs, status, credentials),
  },
  {
    provide: PollRunnerService,
    inject: [PostRecorderService, POST_STORE, CHECKPOINT_STORE, SOURCE_STATUS_STORE, CredentialResolver, PrometheusIngestMetrics],
    useFactory: (recorder: PostRecorderService, posts: MongoPostStore, checkpoints: CheckpointStore, status: SourceStatusStore, credentials: CredentialResolver, metrics: PrometheusIngestMetrics) =>
      new PollRunnerService({ recorder, posts, checkpoints, status, credentials, metrics }),
  },
  {
    provide: POLLERS,
    inject: [CONFIG],
    useFactory: (config: IngestConfig) => {
      const vk = new VkApiClient({ ...DEFAULT_VK_CLIENT_OPTIONS, baseUrl: config.vkApiUrl, requestsPerSecond: config.vkRequestsPerSecond });
      return new PollerRegistry({
        vkWall: new VkWallPoller(vk),
        vkSearch: new VkSearchPoller(vk),
        okFeed: new OkFeedPoller(new OkApiClient({ ...DEFAULT_OK_CLIENT_OPTIONS, baseUrl: config.okApiUrl })),
        telegram: new TelegramPoller(new TelegramApiClient({ ...DEFAULT_TELEGRAM_CLIENT_OPTIONS, baseUrl: config.telegramApiUrl }), config.telegramLongPollSec),
      });
    },
  },
  {
    provide: IntakeService,
    inject: [PostRecorderService, SourcesService],
    useFactory: (recorder: PostRecorderService, sources: SourcesService) => new IntakeService(recorder, sources),
  },
  {
    provide: VkCallbackService,
    inject: [SourcesService, CredentialResolver, PostRecorderService],
    useFactory: (sources: SourcesService, credentials: CredentialResolver, recorder: PostRecorderService) => new VkCallbackService(sources, credentials, recorder),
  },
  {
    provide: TelegramWebhookService,
    inject: [SourcesService, CredentialResolver, PostRecorderService, CHECKPOINT_STORE],
    useFactory: (sources: SourcesService, credentials: CredentialResolver, recorder: PostRecorderService, checkpoints: CheckpointStore) =>
      new TelegramWebhookService(sources, credentials, recorder, checkpoints),
  },
];
