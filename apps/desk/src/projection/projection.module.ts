import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { TaxonomyModule } from '../taxonomy/taxonomy.module';
import { INCIDENT_MODEL, IncidentSchema, POST_MODEL, PostSchema } from './projection.schema';
import { ProjectionService } from './projection.service';

/** Desk's read model: incidents and posts folded from events, and their collections for the capabilities that read them. */
@Module({
  imports: [
    TaxonomyModule,
    MongooseModule.forFeature([
      { name: INCIDENT_MODEL, schema: IncidentSchema },
      { name: POST_MODEL, schema: PostSchema },
    ]),
  ],
  // ProjectionService's IncidentFollower comes from dashboards/incident-follower.module.ts: the read model does not import what reads it.
  providers: [ProjectionService],
  exports: [ProjectionService, MongooseModule],
})
export class ProjectionModule {}
