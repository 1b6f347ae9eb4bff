import { Module, OnModuleInit } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { IncidentsModule } from '../incidents/incidents.module';
import { MongoIncidentStore } from '../incidents/incident.mongo';
import { MongoSurgeStore } from './surge.mongo';

/** Surges: the claims of their announcements, counted from the incident store. */
@Module({
  imports: [IncidentsModule],
  providers: [
    {
      provide: MongoSurgeStore,
      inject: [getConnectionToken(), MongoIncidentStore],
      useFactory: (c: Connection, incidents: MongoIncidentStore) => new MongoSurgeStore(c, incidents),
    },
  ],
  exports: [MongoSurgeStore],
})
export class SurgeModule implements OnModuleInit {
  constructor(private readonly surges: MongoSurgeStore) {}

  /** Builds the store's indexes before handlers run. */
  async onModuleInit(): Promise<void> {
    await this.surges.init();
  }
}
