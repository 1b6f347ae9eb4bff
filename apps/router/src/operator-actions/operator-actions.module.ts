import { Module } from '@nestjs/common';
import { ConfigModule } from '@otklik/config';
import { routerConfig, RouterSettings } from '../config/router.config';
import { DirectoryModule } from '../directory/directory.module';
import { DirectoryService } from '../directory/directory.service';
import { IncidentFactory } from '../incidents/incident-factory';
import { IncidentsModule } from '../incidents/incidents.module';
import { MongoIncidentStore } from '../incidents/incident.mongo';
import { MisroutesModule } from '../misroutes/misroutes.module';
import { MongoMisrouteStore } from '../misroutes/misroute.mongo';
import { OutboxModule } from '../outbox/outbox.module';
import { OperatorActionsHandler } from './operator-actions.handler';
import { OperatorActionsService } from './operator-actions.service';

/** Operators' requests from desk: reassign, merge, split, dismiss, clarification asked or received. */
@Module({
  imports: [ConfigModule.forFeature(routerConfig), IncidentsModule, MisroutesModule, DirectoryModule, OutboxModule],
  controllers: [OperatorActionsHandler],
  providers: [
    {
      provide: OperatorActionsService,
      inject: [MongoIncidentStore, MongoMisrouteStore, IncidentFactory, DirectoryService, routerConfig.KEY],
      useFactory: (store: MongoIncidentStore, misroutes: MongoMisrouteStore, factory: IncidentFactory, directory: DirectoryService, s: RouterSettings) =>
        new OperatorActionsService(store, misroutes, factory, () => directory.engine(), s.misroutes),
    },
  ],
})
export class OperatorActionsModule {}
