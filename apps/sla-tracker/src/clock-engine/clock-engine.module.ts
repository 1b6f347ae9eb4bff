import { Module } from '@nestjs/common';
import { ConfigModule } from '@otklik/config';
import { ClockEventsModule } from '../clock-events/clock-events.module';
import { slaConfig } from '../config/sla.config';
import { ClockEngineService } from './clock-engine.service';

/** The clocks' engine: their store, timers and the leadership of this replica. */
@Module({
  imports: [ConfigModule.forFeature(slaConfig), ClockEventsModule],
  providers: [ClockEngineService],
  exports: [ClockEngineService],
})
export class ClockEngineModule {}
