import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { PlatformModule } from '@otklik/platform';
import { AgenciesController } from './directory/agencies.controller';
import { AgencyFeedbackHandler } from './agency-feedback/agency-feedback.handler';
import { CITIZEN_REPLY_PROVIDERS } from './citizen-replies/citizen-replies.providers';
import { CitizenRepliesHandler } from './citizen-replies/citizen-replies.handler';
import { MongoThreadIndex } from './citizen-replies/thread-index.mongo';
import { routerConfig } from './config/router.config';
import { IncidentClosingJob } from './closing/incident-closing.job';
import { DirectoryController } from './directory/directory.controller';
import { DirectoryService } from './directory/directory.service';
import { MongoCounterStore } from './incidents/incident-number.mongo';
import { MongoIncidentStore } from './incidents/incident.mongo';
import { IncidentsController } from './incidents/incidents.controller';
import { OutboxPublisher } from './outbox/outbox-publisher';
import { ClassificationCorrectionHandler } from './corrections/classification-correction.handler';
import { IntakeHandler } from './intake/intake.handler';
import { MongoMisrouteStore } from './misroutes/misroute.mongo';
import { MisroutesController } from './misroutes/misroutes.controller';
import { OperatorActionsHandler } from './operator-actions/operator-actions.handler';
import { ROUTER_PROVIDERS } from './router.providers';
import { RoutingController } from './directory/routing.controller';
import { RulesController } from './directory/rules.controller';
import { MongoSurgeStore } from './surge/surge.mongo';
import { TerritoriesController } from './directory/territories.controller';

/** Builds the stores' indexes before handlers run. */
@Injectable()
class RouterLifecycle implements OnModuleInit {
  constructor(
    private readonly incidents: MongoIncidentStore,
    private readonly counters: MongoCounterStore,
    private readonly misroutes: MongoMisrouteStore,
    private readonly surges: MongoSurgeStore,
    private readonly threads: MongoThreadIndex,
  ) {}

  async onModuleInit(): Promise<void> {
    await Promise.all([this.incidents.init(), this.counters.init(), this.misroutes.init(), this.surges.init(), this.threads.init()]);
  }
}

@Module({
  imports: [PlatformModule.forRoot('router'), ConfigModule.forFeature(routerConfig)],
  controllers: [
    IntakeHandler,
    AgencyFeedbackHandler,
    OperatorActionsHandler,
    ClassificationCorrectionHandler,
    CitizenRepliesHandler,
    TerritoriesController,
    AgenciesController,
    RulesController,
    DirectoryController,
    RoutingController,
    IncidentsController,
    MisroutesController,
  ],
  providers: [...ROUTER_PROVIDERS, ...CITIZEN_REPLY_PROVIDERS, DirectoryService, OutboxPublisher, IncidentClosingJob, RouterLifecycle],
})
export class AppModule {}
