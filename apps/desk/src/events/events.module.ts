import { Module } from '@nestjs/common';
import { ProjectionModule } from '../projection/projection.module';
import { SurgesModule } from '../surges/surges.module';
import { ProjectionHandler } from './projection.handler';

/** Every event of the pipeline read into desk's read model (and surges into their queue). */
@Module({
  imports: [ProjectionModule, SurgesModule],
  controllers: [ProjectionHandler],
})
export class EventsModule {}
