import { Inject, Module, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import type { Channel } from '@otklik/contracts';
import { PlatformModule } from '@otklik/platform';
import { notifierConfig } from './config/notifier.config';
import { ChannelSender } from './delivery/delivery.types';
import { DeliveryLogController } from './dispatch/delivery-log.controller';
import { MongoDeliveryStore } from './delivery-log/delivery-log.mongo';
import { DeliveryPurgeJob } from './delivery-log/delivery-purge.job';
import { DeliveryScheduler } from './dispatch/delivery.scheduler';
import { NoticeHandler } from './notices/notice.handler';
import { EmailChannel } from './email/email.channel';
import { CHANNEL_SENDERS, NOTIFIER_PROVIDERS } from './notifier.providers';
import { PreferencesController } from './preferences/preferences.controller';
import { PreferencesStore } from './preferences/preferences.store';
import { IncidentBoard } from './projection/incident-board.store';
import { IncidentPostsHandler } from './reply-back/incident-posts.handler';
import { ProjectionHandler } from './projection/projection.handler';
import { ReplyBackHandler } from './reply-back/reply-back.handler';
import { SurgeHandler } from './surge/surge.handler';
import { SurgeStore } from './surge/surge.store';
import { WebhookEndpointsController } from './webhook/webhook-endpoints.controller';

/** Builds indexes before handlers run and closes SMTP connections on the way out. */
class NotifierLifecycle implements OnModuleInit, OnModuleDestroy {
  constructor(
    private readonly deliveries: MongoDeliveryStore,
    private readonly preferences: PreferencesStore,
    private readonly board: IncidentBoard,
    private readonly surges: SurgeStore,
    @Inject(CHANNEL_SENDERS) private readonly senders: Map<Channel, ChannelSender>,
  ) {}

  async onModuleInit(): Promise<void> {
    await Promise.all([this.deliveries.init(), this.preferences.init(), this.board.init(), this.surges.init()]);
  }

  onModuleDestroy(): void {
    const email = this.senders.get('email');
    if (email instanceof EmailChannel) email.close();
  }
}

@Module({
  imports: [PlatformModule.forRoot('notifier'), ConfigModule.forFeature(notifierConfig)],
  controllers: [NoticeHandler, SurgeHandler, ProjectionHandler, IncidentPostsHandler, ReplyBackHandler, PreferencesController, DeliveryLogController, WebhookEndpointsController],
  providers: [...NOTIFIER_PROVIDERS, DeliveryScheduler, DeliveryPurgeJob, NotifierLifecycle],
})
export class AppModule {}
