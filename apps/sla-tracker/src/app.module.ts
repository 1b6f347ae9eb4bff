import { Module } from '@nestjs/common';
import { PlatformModule } from '@otklik/platform';
import { IncidentEventsModule } from './incident-events/incident-events.module';
import { KpiModule } from './kpi/kpi.module';

@Module({
  imports: [PlatformModule.forRoot('sla-tracker'), IncidentEventsModule, KpiModule],
})
export class AppModule {}
