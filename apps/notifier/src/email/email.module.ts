import { Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ConfigModule } from '@otklik/config';
import { notifierConfig, NotifierConfig } from '../config/notifier.config';
import { ChannelSenders } from '../delivery/channel-senders';
import { DeliveryModule } from '../delivery/delivery.module';
import { EmailChannel } from './email.channel';

/** E-mail: the SMTP channel. */
@Module({
  imports: [ConfigModule.forFeature(notifierConfig), DeliveryModule],
  providers: [{ provide: EmailChannel, inject: [notifierConfig.KEY], useFactory: (config: NotifierConfig) => new EmailChannel(config.smtp) }],
})
export class EmailModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly senders: ChannelSenders,
    private readonly email: EmailChannel,
  ) {}

  /** E-mail deliveries go out through this channel. */
  onModuleInit(): void {
    this.senders.register(this.email);
  }

  /** Closes the SMTP connections once nothing sends any more: the delivery scheduler and the consumer have stopped. */
  onApplicationShutdown(): void {
    this.email.close();
  }
}
