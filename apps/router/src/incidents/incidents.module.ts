import { Module, OnModuleInit } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { uuidv7 } from '@otklik/contracts';
import { ConfigModule } from '@otklik/config';
import { routerConfig, RouterSettings } from '../config/router.config';
import { IncidentFactory } from './incident-factory';
import { MongoCounterStore } from './incident-number.mongo';
import { MongoIncidentStore } from './incident.mongo';
import { IncidentsController } from './incidents.controller';

const CONNECTION = getConnectionToken();

/** Incidents: their store, their numbers, the factory of new ones, and their HTTP view. */
@Module({
  imports: [ConfigModule.forFeature(routerConfig)],
  controllers: [IncidentsController],
  providers: [
    { provide: MongoIncidentStore, inject: [CONNECTION], useFactory: (c: Connection) => new MongoIncidentStore(c) },
    { provide: MongoCounterStore, inject: [CONNECTION], useFactory: (c: Connection) => new MongoCounterStore(c) },
    {
      provide: IncidentFactory,
      inject: [MongoCounterStore, routerConfig.KEY],
      useFactory: (counters: MongoCounterStore, s: RouterSettings) => new IncidentFactory(counters, () => uuidv7(), s.defaultRegion),
    },
  ],
  exports: [MongoIncidentStore, IncidentFactory],
})
export class IncidentsModule implements OnModuleInit {
  constructor(
    private readonly incidents: MongoIncidentStore,
    private readonly counters: MongoCounterStore,
  ) {}

  /** Builds the stores' indexes before handlers run. */
  async onModuleInit(): Promise<void> {
    await Promise.all([this.incidents.init(), this.counters.init()]);
  }
}
