import { Module } from '@nestjs/common';
import { DashboardsModule } from '../dashboards/dashboards.module';
import { RatingsController } from './ratings.controller';
import { RatingsService } from './ratings.service';

/** Agencies' monthly quality ratings, read from the dashboard counters. */
@Module({
  imports: [DashboardsModule],
  controllers: [RatingsController],
  providers: [RatingsService],
})
export class RatingsModule {}
