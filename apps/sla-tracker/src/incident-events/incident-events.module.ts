import { Module } from '@nestjs/common';
import { EngineModule } from '../engine/engine.module';
import { KpiModule } from '../kpi/kpi.module';
import { IncidentEventsHandler } from './incident-events.handler';

/** Incidents' and agencies' events turned into clock inputs. */
@Module({
  imports: [EngineModule, KpiModule],
  controllers: [IncidentEventsHandler],
})
export class IncidentEventsModule {}
