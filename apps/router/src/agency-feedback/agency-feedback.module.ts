import { Module } from '@nestjs/common';
import { ConfigModule } from '@otklik/config';
import { routerConfig, RouterSettings } from '../config/router.config';
import { DirectoryModule } from '../directory/directory.module';
import { DirectoryService } from '../directory/directory.service';
import { IncidentsModule } from '../incidents/incidents.module';
import { MongoIncidentStore } from '../incidents/incident.mongo';
import { MisroutesModule } from '../misroutes/misroutes.module';
import { MongoMisrouteStore } from '../misroutes/misroute.mongo';
import { OutboxModule } from '../outbox/outbox.module';
import { AgencyFeedbackHandler } from './agency-feedback.handler';
import { AgencyFeedbackService } from './agency-feedback.service';

/** Agencies' acts from desk: acknowledgements, answers and returns of incidents not theirs. */
@Module({
  imports: [ConfigModule.forFeature(routerConfig), IncidentsModule, MisroutesModule, DirectoryModule, OutboxModule],
  controllers: [AgencyFeedbackHandler],
  providers: [
    {
      provide: AgencyFeedbackService,
      inject: [MongoIncidentStore, MongoMisrouteStore, DirectoryService, routerConfig.KEY],
      useFactory: (store: MongoIncidentStore, misroutes: MongoMisrouteStore, directory: DirectoryService, s: RouterSettings) =>
        new AgencyFeedbackService(store, misroutes, () => directory.engine(), s.misroutes),
    },
  ],
})
export class AgencyFeedbackModule {}
