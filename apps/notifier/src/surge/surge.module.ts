import { Module, OnModuleInit } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { DispatchModule } from '../dispatch/dispatch.module';
import { NotifyService } from '../dispatch/notify.service';
import { IncidentBoard } from '../projection/incident-board.store';
import { ProjectionModule } from '../projection/projection.module';
import { SurgeNoticeService } from './surge-notice.service';
import { SurgeStore } from './surge.store';
import { SurgeHandler } from './surge.handler';

/** Surges: notices of a surge of incidents and of its escalation, and what each surge was told. */
@Module({
  imports: [DispatchModule, ProjectionModule],
  controllers: [SurgeHandler],
  providers: [
    { provide: SurgeStore, inject: [getConnectionToken()], useFactory: (c: Connection) => new SurgeStore(c) },
    {
      provide: SurgeNoticeService,
      inject: [NotifyService, IncidentBoard, SurgeStore],
      useFactory: (notify: NotifyService, board: IncidentBoard, surges: SurgeStore) => new SurgeNoticeService(notify, board, surges),
    },
  ],
  exports: [SurgeNoticeService],
})
export class SurgeModule implements OnModuleInit {
  constructor(private readonly surges: SurgeStore) {}

  /** The store's indexes exist before handlers write to it. */
  onModuleInit(): Promise<void> {
    return this.surges.init();
  }
}
