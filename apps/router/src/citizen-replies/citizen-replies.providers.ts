import { Provider } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { MongoIncidentStore } from '../incidents/incident.mongo';
import { CitizenVerdictService } from './citizen-verdict.service';
import { ReplyThreadsService } from './reply-threads.service';
import { MongoThreadIndex } from './thread-index.mongo';

/** Threads of incidents and the citizen's verdict, over the MongoDB stores. */
export const CITIZEN_REPLY_PROVIDERS: Provider[] = [
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
];
