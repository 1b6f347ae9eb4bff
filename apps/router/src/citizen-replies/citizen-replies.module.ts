import { Module, OnModuleInit } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { IncidentsModule } from '../incidents/incidents.module';
import { MongoIncidentStore } from '../incidents/incident.mongo';
import { OutboxModule } from '../outbox/outbox.module';
import { CitizenRepliesHandler } from './citizen-replies.handler';
import { CitizenVerdictService } from './citizen-verdict.service';
import { ReplyThreadsService } from './reply-threads.service';
import { MongoThreadIndex } from './thread-index.mongo';

/** Citizens' replies: the threads of incidents on their platforms, and the citizen's verdict on an answer. */
@Module({
  imports: [IncidentsModule, OutboxModule],
  controllers: [CitizenRepliesHandler],
  providers: [
    { provide: MongoThreadIndex, inject: [getConnectionToken()], useFactory: (c: Connection) => new MongoThreadIndex(c) },
    {
      provide: ReplyThreadsService,
      inject: [MongoIncidentStore, MongoThreadIndex],
      useFactory: (store: MongoIncidentStore, threads: MongoThreadIndex) => new ReplyThreadsService(store, threads),
    },
    {
      provide: CitizenVerdictService,
      inject: [MongoIncidentStore, ReplyThreadsService],
      useFactory: (store: MongoIncidentStore, threads: ReplyThreadsService) => new CitizenVerdictService(store, threads),
    },
  ],
  exports: [ReplyThreadsService],
})
export class CitizenRepliesModule implements OnModuleInit {
  constructor(private readonly threads: MongoThreadIndex) {}

  /** Builds the thread index's indexes before handlers run. */
  async onModuleInit(): Promise<void> {
    await this.threads.init();
  }
}
