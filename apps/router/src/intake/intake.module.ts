import { Module } from '@nestjs/common';
import { ConfigModule } from '@otklik/config';
import { CitizenRepliesModule } from '../citizen-replies/citizen-replies.module';
import { routerConfig, RouterSettings } from '../config/router.config';
import { DirectoryModule } from '../directory/directory.module';
import { DirectoryService } from '../directory/directory.service';
import { IncidentFactory } from '../incidents/incident-factory';
import { IncidentsModule } from '../incidents/incidents.module';
import { MongoIncidentStore } from '../incidents/incident.mongo';
import { OutboxModule } from '../outbox/outbox.module';
import { SurgeDetector } from '../surge/surge-detector';
import { SurgeModule } from '../surge/surge.module';
import { MongoSurgeStore } from '../surge/surge.mongo';
import { IncidentIntakeService } from './incident-intake.service';
import { IntakeHandler } from './intake.handler';

/** Intake: classified posts grouped into incidents or made new ones, routed, with surges detected. */
@Module({
  imports: [ConfigModule.forFeature(routerConfig), IncidentsModule, DirectoryModule, SurgeModule, CitizenRepliesModule, OutboxModule],
  controllers: [IntakeHandler],
  providers: [
    {
      provide: IncidentIntakeService,
      inject: [MongoIncidentStore, IncidentFactory, DirectoryService, MongoSurgeStore, routerConfig.KEY],
      useFactory: (store: MongoIncidentStore, factory: IncidentFactory, directory: DirectoryService, surges: MongoSurgeStore, s: RouterSettings) =>
        new IncidentIntakeService(store, factory, () => directory.engine(), s.grouping, new SurgeDetector(surges, () => directory.engine().agencies.territories, s.surge)),
    },
  ],
  exports: [IncidentIntakeService],
})
export class IntakeModule {}
