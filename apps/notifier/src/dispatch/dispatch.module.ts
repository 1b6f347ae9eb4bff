import { Module } from '@nestjs/common';
import { ConfigModule } from '@otklik/config';
import { EventPublisher } from '@otklik/messaging';
import { LOGGER } from '@otklik/platform';
import type { Logger } from 'pino';
import { notifierConfig, NotifierConfig } from '../config/notifier.config';
import { ChannelSenders } from '../delivery/channel-senders';
import { DeliveryModule } from '../delivery/delivery.module';
import { MongoDeliveryStore } from '../delivery-log/delivery-log.mongo';
import { DeliveryLogModule } from '../delivery-log/delivery-log.module';
import { DigestModule } from '../digest/digest.module';
import type { Contact } from '../preferences/preferences';
import { PreferencesModule } from '../preferences/preferences.module';
import { PreferencesStore } from '../preferences/preferences.store';
import { DeliveryLogController } from './delivery-log.controller';
import { DeliveryScheduler } from './delivery.scheduler';
import { DeliveryService } from './delivery.service';
import { NotifyService, OperatorDesk } from './notify.service';
import { OutcomeReporter } from './outcome.reporter';
import { RetryPolicy } from './retry-policy';

function operatorDesk(config: NotifierConfig): OperatorDesk {
  const contacts: Contact[] = [
    ...config.operators.emails.map((address, i) => ({ id: `email-${i}`, channel: 'email' as const, address, role: 'staff' as const })),
    ...config.operators.telegramChats.map((address, i) => ({ id: `telegram-${i}`, channel: 'telegram' as const, address, role: 'staff' as const })),
  ];
  return { contacts, locale: config.operators.locale, timeZone: config.operators.timeZone };
}

/** Notices turned into deliveries and sent: retries, outcome events, the daily digest, and the deliveries API. */
@Module({
  imports: [ConfigModule.forFeature(notifierConfig), DeliveryModule, DeliveryLogModule, PreferencesModule, DigestModule],
  controllers: [DeliveryLogController],
  providers: [
    {
      provide: OutcomeReporter,
      inject: [MongoDeliveryStore, EventPublisher, LOGGER],
      useFactory: (store: MongoDeliveryStore, publisher: EventPublisher, logger: Logger) => new OutcomeReporter(store, publisher, logger),
    },
    {
      provide: DeliveryService,
      inject: [MongoDeliveryStore, ChannelSenders, OutcomeReporter, notifierConfig.KEY],
      useFactory: (store: MongoDeliveryStore, senders: ChannelSenders, reporter: OutcomeReporter, config: NotifierConfig) =>
        new DeliveryService(store, senders, new RetryPolicy(), reporter, { leaseMs: config.leaseMs }),
    },
    {
      provide: NotifyService,
      inject: [DeliveryService, PreferencesStore, notifierConfig.KEY],
      useFactory: (deliveries: DeliveryService, prefs: PreferencesStore, config: NotifierConfig) => new NotifyService(deliveries, prefs, operatorDesk(config)),
    },
    DeliveryScheduler,
  ],
  exports: [NotifyService, DeliveryService],
})
export class DispatchModule {}
