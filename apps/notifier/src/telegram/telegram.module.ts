import { Inject, Module, OnModuleInit } from '@nestjs/common';
import { ConfigModule } from '@otklik/config';
import { notifierConfig, NotifierConfig } from '../config/notifier.config';
import { ChannelSenders } from '../delivery/channel-senders';
import { DeliveryModule } from '../delivery/delivery.module';
import { TelegramBotClient } from './telegram-bot.client';
import { TelegramChannel } from './telegram.channel';

/** Telegram: the bot channel, when TELEGRAM_BOT_TOKEN is set. */
@Module({
  imports: [ConfigModule.forFeature(notifierConfig), DeliveryModule],
})
export class TelegramModule implements OnModuleInit {
  constructor(
    private readonly senders: ChannelSenders,
    @Inject(notifierConfig.KEY) private readonly config: NotifierConfig,
  ) {}

  /** Telegram deliveries go out through the bot, if one is configured. */
  onModuleInit(): void {
    if (this.config.telegram) this.senders.register(new TelegramChannel(new TelegramBotClient(this.config.telegram)));
  }
}
