import { Module } from '@nestjs/common';
import { ConfigModule } from '@otklik/config';
import { SlaEventsModule } from '../sla-events/sla-events.module';
import { slaConfig } from '../config/sla.config';
import { ClockEngineService } from './clock-engine.service';

/** The clocks' engine: their store, timers and the leadership of this replica. */
@Module({
  imports: [ConfigModule.forFeature(slaConfig), SlaEventsModule],
  providers: [ClockEngineService],
  exports: [ClockEngineService],
})
export class EngineModule {}
