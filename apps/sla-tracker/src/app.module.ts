import { Module } from '@nestjs/common';
import { ConfigModule } from '@otklik/config';
import { PlatformModule } from '@otklik/platform';
import { ClockEngineService } from './clock-engine/clock-engine.service';
import { KafkaClockSink } from './clock-events/kafka-clock.sink';
import { ClocksHandler } from './clocks/clocks.handler';
import { slaConfig } from './config/sla.config';
import { KpiController } from './kpi/kpi.controller';
import { KpiHandler } from './kpi/kpi.handler';
import { KpiService } from './kpi/kpi.service';

@Module({
  imports: [PlatformModule.forRoot('sla-tracker'), ConfigModule.forFeature(slaConfig)],
  controllers: [ClocksHandler, KpiHandler, KpiController],
  providers: [KafkaClockSink, ClockEngineService, KpiService],
})
export class AppModule {}
