import { Module } from '@nestjs/common';
import { ConfigModule } from '@otklik/config';
import { routerConfig, RouterSettings } from '../config/router.config';
import { DirectoryModule } from '../directory/directory.module';
import { DirectoryService } from '../directory/directory.service';
import { IncidentsModule } from '../incidents/incidents.module';
import { MongoIncidentStore } from '../incidents/incident.mongo';
import { IncidentIntakeService } from '../intake/incident-intake.service';
import { IntakeModule } from '../intake/intake.module';
import { OutboxModule } from '../outbox/outbox.module';
import { ClassificationCorrectionHandler } from './classification-correction.handler';
import { ClassificationCorrectionService } from './classification-correction.service';

/** Operators' corrections of a post's classification, taken by its incident (rerouted when its agency changes). */
@Module({
  imports: [ConfigModule.forFeature(routerConfig), IncidentsModule, IntakeModule, DirectoryModule, OutboxModule],
  controllers: [ClassificationCorrectionHandler],
  providers: [
    {
      provide: ClassificationCorrectionService,
      inject: [MongoIncidentStore, IncidentIntakeService, DirectoryService, routerConfig.KEY],
      useFactory: (store: MongoIncidentStore, intake: IncidentIntakeService, directory: DirectoryService, s: RouterSettings) =>
        new ClassificationCorrectionService(store, intake, () => directory.engine(), s.misroutes),
    },
  ],
})
export class CorrectionsModule {}
