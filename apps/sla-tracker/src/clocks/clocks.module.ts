import { Module } from '@nestjs/common';
import { ClockEngineModule } from '../clock-engine/clock-engine.module';
import { KpiModule } from '../kpi/kpi.module';
import { ClocksHandler } from './clocks.handler';

/** Incidents' and agencies' events turned into clock inputs. */
@Module({
  imports: [ClockEngineModule, KpiModule],
  controllers: [ClocksHandler],
})
export class ClocksModule {}
