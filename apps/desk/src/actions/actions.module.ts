import { Module } from '@nestjs/common';
import { IncidentsModule } from '../incidents/incidents.module';
import { OutboxModule } from '../outbox/outbox.module';
import { ProjectionModule } from '../projection/projection.module';
import { TaxonomyModule } from '../taxonomy/taxonomy.module';
import { ActionsController } from './actions.controller';
import { AgencyActionsService } from './agency-actions.service';
import { ClarificationService } from './clarification.service';
import { CommandEmitter } from './command-emitter';
import { OperatorActionsService } from './operator-actions.service';

/** Actions on incidents: operators' and agencies' decisions turned into events. */
@Module({
  imports: [IncidentsModule, OutboxModule, ProjectionModule, TaxonomyModule],
  controllers: [ActionsController],
  providers: [CommandEmitter, OperatorActionsService, AgencyActionsService, ClarificationService],
  exports: [CommandEmitter],
})
export class ActionsModule {}
