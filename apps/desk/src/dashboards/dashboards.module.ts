import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ProjectionModule } from '../projection/projection.module';
import { TaxonomyModule } from '../taxonomy/taxonomy.module';
import { MongoCounterStore } from './counter.mongo';
import { COUNTER_MODEL, CounterSchema } from './counter.schema';
import { CounterStore } from './counter.store';
import { CountersService } from './counters.service';
import { DashboardsController } from './dashboards.controller';
import { DashboardsService } from './dashboards.service';

/** Dashboards: counters kept in step with the read model's incidents, and the figures built on them. */
@Module({
  imports: [ProjectionModule, TaxonomyModule, MongooseModule.forFeature([{ name: COUNTER_MODEL, schema: CounterSchema }])],
  controllers: [DashboardsController],
  providers: [{ provide: CounterStore, useClass: MongoCounterStore }, CountersService, DashboardsService],
  exports: [CountersService, CounterStore],
})
export class DashboardsModule {}
