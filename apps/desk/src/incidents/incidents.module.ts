import { Module } from '@nestjs/common';
import { ProjectionModule } from '../projection/projection.module';
import { TaxonomyModule } from '../taxonomy/taxonomy.module';
import { IncidentsController } from './incidents.controller';
import { IncidentsService } from './incidents.service';

/** Incidents as desk shows them: lists, queues, the map and one incident, as each caller may see them. */
@Module({
  imports: [ProjectionModule, TaxonomyModule],
  controllers: [IncidentsController],
  providers: [IncidentsService],
  exports: [IncidentsService],
})
export class IncidentsModule {}
