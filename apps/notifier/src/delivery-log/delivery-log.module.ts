import { Module, OnModuleInit } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { ConfigModule } from '@otklik/config';
import { notifierConfig } from '../config/notifier.config';
import { MongoDeliveryStore } from './delivery-log.mongo';
import { DeliveryPurgeJob } from './delivery-purge.job';

/** The log of deliveries (each one once per event, recipient and channel), purged past retention. */
@Module({
  imports: [ConfigModule.forFeature(notifierConfig)],
  providers: [{ provide: MongoDeliveryStore, inject: [getConnectionToken()], useFactory: (c: Connection) => new MongoDeliveryStore(c) }, DeliveryPurgeJob],
  exports: [MongoDeliveryStore],
})
export class DeliveryLogModule implements OnModuleInit {
  constructor(private readonly deliveries: MongoDeliveryStore) {}

  /** The log's indexes exist before handlers and the scheduler write to it. */
  onModuleInit(): Promise<void> {
    return this.deliveries.init();
  }
}
