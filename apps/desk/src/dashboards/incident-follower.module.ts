import { Global, Module } from '@nestjs/common';
import { IncidentFollower } from '../projection/incident-follower';
import { CountersService } from './counters.service';
import { DashboardsModule } from './dashboards.module';

/** The dashboard counters as the projection's IncidentFollower; global, since the read model does not import what reads it. */
@Global()
@Module({
  imports: [DashboardsModule],
  providers: [{ provide: IncidentFollower, useExisting: CountersService }],
  exports: [IncidentFollower],
})
export class IncidentFollowerModule {}
