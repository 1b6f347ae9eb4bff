import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { PlatformModule } from '@otklik/platform';
import { ingestConfig } from './config/ingest.config';
import { IngestLifecycle } from './ingest.lifecycle';
import { DOMAIN_PROVIDERS, STORE_PROVIDERS } from './ingest.providers';
import { IntakeController } from './intake/intake.controller';
import { PostOutboxRelay } from './outbox/post-outbox.relay';
import { PollSchedulerService } from './polling/poll-scheduler.service';
import { PostsController } from './posts/posts.controller';
import { PostErasureJob } from './retention/post-erasure.job';
import { RawPayloadPurgeJob } from './retention/raw-payload-purge.job';
import { SourcesController } from './sources/sources.controller';
import { SourcesWatcher } from './sources/sources-watcher';
import { TelegramWebhookController } from './telegram/telegram-webhook.controller';
import { VkCallbackController } from './vk/vk-callback.controller';

/** The ingest service: connectors, recorder, outbox relay, sources API, intake. */
@Module({
  imports: [PlatformModule.forRoot('ingest'), ConfigModule.forFeature(ingestConfig)],
  controllers: [IntakeController, SourcesController, PostsController, VkCallbackController, TelegramWebhookController],
  providers: [
    ...STORE_PROVIDERS,
    ...DOMAIN_PROVIDERS,
    IngestLifecycle,
    PostOutboxRelay,
    PollSchedulerService,
    { provide: SourcesWatcher, useExisting: PollSchedulerService },
    RawPayloadPurgeJob,
    PostErasureJob,
  ],
})
export class AppModule {}
