import { Module, OnModuleInit } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { ConfigModule } from '@otklik/config';
import { notifierConfig, NotifierConfig } from '../config/notifier.config';
import { IncidentBoard } from './incident-board.store';
import { ProjectionHandler } from './projection.handler';

/** The notifier's own board of incidents and their posts, kept from events, that notices are worded from. */
@Module({
  imports: [ConfigModule.forFeature(notifierConfig)],
  controllers: [ProjectionHandler],
  providers: [
    {
      provide: IncidentBoard,
      inject: [getConnectionToken(), notifierConfig.KEY],
      useFactory: (c: Connection, config: NotifierConfig) => new IncidentBoard(c, config.deskUrl),
    },
  ],
  exports: [IncidentBoard],
})
export class ProjectionModule implements OnModuleInit {
  constructor(private readonly board: IncidentBoard) {}

  /** The board's indexes exist before handlers write to it. */
  onModuleInit(): Promise<void> {
    return this.board.init();
  }
}
