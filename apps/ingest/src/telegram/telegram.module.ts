import { Module, OnModuleInit } from '@nestjs/common';
import { ConfigModule } from '@otklik/config';
import { ingestConfig, IngestConfig } from '../config/ingest.config';
import { PollerRegistry } from '../polling/poller-registry';
import { PollingModule } from '../polling/polling.module';
import { PostRecorderService } from '../posts/post-recorder.service';
import { PostsModule } from '../posts/posts.module';
import type { CheckpointStore } from '../sources/checkpoint.store';
import { CredentialResolver } from '../sources/credentials';
import { SourcesModule } from '../sources/sources.module';
import { SourcesService } from '../sources/sources.service';
import { CHECKPOINT_STORE } from '../sources/sources.tokens';
import { DEFAULT_TELEGRAM_CLIENT_OPTIONS, TelegramApiClient } from './telegram-api.client';
import { TelegramWebhookController } from './telegram-webhook.controller';
import { TelegramWebhookService } from './telegram-webhook.service';
import { TelegramPoller } from './telegram.poller';

/** Telegram: the Bot API webhook endpoint, and the long polling of channels' bots. */
@Module({
  imports: [ConfigModule.forFeature(ingestConfig), SourcesModule, PostsModule, PollingModule],
  controllers: [TelegramWebhookController],
  providers: [
    {
      provide: TelegramPoller,
      inject: [ingestConfig.KEY],
      useFactory: (config: IngestConfig) => new TelegramPoller(new TelegramApiClient({ ...DEFAULT_TELEGRAM_CLIENT_OPTIONS, baseUrl: config.telegramApiUrl }), config.telegramLongPollSec),
    },
    {
      provide: TelegramWebhookService,
      inject: [SourcesService, CredentialResolver, PostRecorderService, CHECKPOINT_STORE],
      useFactory: (sources: SourcesService, credentials: CredentialResolver, recorder: PostRecorderService, checkpoints: CheckpointStore) =>
        new TelegramWebhookService(sources, credentials, recorder, checkpoints),
    },
  ],
})
export class TelegramModule implements OnModuleInit {
  constructor(
    private readonly pollers: PollerRegistry,
    private readonly poller: TelegramPoller,
  ) {}

  /** Telegram channel sources are polled with this poller. */
  onModuleInit(): void {
    this.pollers.register('community', this.poller);
  }
}
