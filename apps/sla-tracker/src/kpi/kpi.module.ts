import { Module } from '@nestjs/common';
import { KpiController } from './kpi.controller';
import { KpiHandler } from './kpi.handler';
import { KpiService } from './kpi.service';

/** Agencies' timeliness figures: the facts recorded from clock events, and their report. */
@Module({
  controllers: [KpiHandler, KpiController],
  providers: [KpiService],
  exports: [KpiService],
})
export class KpiModule {}
