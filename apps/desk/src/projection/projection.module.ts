import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { TaxonomyModule } from '../taxonomy/taxonomy.module';
import { MongoIncidentStore } from './incident.mongo';
import { IncidentStore } from './incident.store';
import { MongoPostStore } from './post.mongo';
import { PostStore } from './post.store';
import { INCIDENT_MODEL, IncidentSchema, POST_MODEL, PostSchema } from './projection.schema';
import { ProjectionService } from './projection.service';
import { ReadModelUpgrade } from './read-model.upgrade';

/** Desk's read model: incidents and posts folded from events, and their stores for the capabilities that read them. */
@Module({
  imports: [
    TaxonomyModule,
    MongooseModule.forFeature([
      { name: INCIDENT_MODEL, schema: IncidentSchema },
      { name: POST_MODEL, schema: PostSchema },
    ]),
  ],
  // ProjectionService's IncidentFollower comes from dashboards/incident-follower.module.ts: the read model does not import what reads it.
  providers: [ReadModelUpgrade, { provide: IncidentStore, useClass: MongoIncidentStore }, { provide: PostStore, useClass: MongoPostStore }, ProjectionService],
  exports: [ProjectionService, IncidentStore, PostStore],
})
export class ProjectionModule {}
