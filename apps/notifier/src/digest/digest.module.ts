import { Module } from '@nestjs/common';
import { IncidentBoard } from '../projection/incident-board.store';
import { ProjectionModule } from '../projection/projection.module';
import { DigestService } from './digest.service';

/** The daily digest of overdue incidents for agency heads, planned from the incident board. */
@Module({
  imports: [ProjectionModule],
  providers: [{ provide: DigestService, inject: [IncidentBoard], useFactory: (board: IncidentBoard) => new DigestService(board) }],
  exports: [DigestService],
})
export class DigestModule {}
