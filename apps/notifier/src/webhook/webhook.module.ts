import { Inject, Module, OnModuleInit } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { ConfigModule } from '@otklik/config';
import { notifierConfig, NotifierConfig } from '../config/notifier.config';
import { ChannelSenders } from '../delivery/channel-senders';
import { DeliveryModule } from '../delivery/delivery.module';
import { DispatchModule } from '../dispatch/dispatch.module';
import { NotifyService } from '../dispatch/notify.service';
import { alertEndpointDisabled } from './endpoint-disabled.alert';
import { MongoWebhookEndpointStore } from './webhook-endpoint.mongo';
import { WebhookEndpointsController } from './webhook-endpoints.controller';
import { WebhookChannel } from './webhook.channel';

/** Webhooks: agencies' endpoints and their API, and the signed-POST channel (operators hear when one is disabled). */
@Module({
  imports: [ConfigModule.forFeature(notifierConfig), DeliveryModule, DispatchModule],
  controllers: [WebhookEndpointsController],
  providers: [{ provide: MongoWebhookEndpointStore, inject: [getConnectionToken()], useFactory: (c: Connection) => new MongoWebhookEndpointStore(c) }],
})
export class WebhookModule implements OnModuleInit {
  constructor(
    private readonly senders: ChannelSenders,
    private readonly endpoints: MongoWebhookEndpointStore,
    private readonly notify: NotifyService,
    @Inject(notifierConfig.KEY) private readonly config: NotifierConfig,
  ) {}

  /** Webhook deliveries go out through this channel. */
  onModuleInit(): void {
    this.senders.register(new WebhookChannel(this.endpoints, { ...this.config.webhook, onEndpointDisabled: (endpoint, lastError) => alertEndpointDisabled(this.notify, endpoint, lastError) }));
  }
}
