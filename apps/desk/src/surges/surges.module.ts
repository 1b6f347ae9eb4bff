import { Module } from '@nestjs/common';
import { getConnectionToken, MongooseModule } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { ActionsModule } from '../actions/actions.module';
import { SurgeClaims } from './surge-claims';
import { SurgeEscalationService } from './surge-escalation.service';
import { MongoSurgeStore } from './surge.mongo';
import { SurgeQueueService } from './surge-queue.service';
import { SURGE_MODEL, SurgeSchema } from './surge.schema';
import { SurgeStore } from './surge.store';
import { SurgesController } from './surges.controller';

/** Surges: the management centre's queue of them, their acknowledgement, and their escalation when none comes. */
@Module({
  imports: [ActionsModule, MongooseModule.forFeature([{ name: SURGE_MODEL, schema: SurgeSchema }])],
  controllers: [SurgesController],
  providers: [
    { provide: SurgeStore, useClass: MongoSurgeStore },
    { provide: SurgeClaims, inject: [getConnectionToken()], useFactory: (c: Connection) => new SurgeClaims(c) },
    SurgeQueueService,
    SurgeEscalationService,
  ],
  exports: [SurgeQueueService],
})
export class SurgesModule {}
