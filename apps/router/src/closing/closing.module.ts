import { Module } from '@nestjs/common';
import { ConfigModule } from '@otklik/config';
import { routerConfig } from '../config/router.config';
import { IncidentsModule } from '../incidents/incidents.module';
import { OutboxModule } from '../outbox/outbox.module';
import { IncidentClosingJob } from './incident-closing.job';

/** Closing: answered incidents the citizen did not come back to are closed periodically. */
@Module({
  imports: [ConfigModule.forFeature(routerConfig), IncidentsModule, OutboxModule],
  providers: [IncidentClosingJob],
})
export class ClosingModule {}
