import { Provider } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { uuidv7 } from '@otklik/contracts';
import { AgencyFeedbackService } from './agency-feedback/agency-feedback.service';
import { routerConfig, RouterSettings } from './config/router.config';
import { DirectoryService } from './directory/directory.service';
import { IncidentFactory } from './incidents/incident-factory';
import { MongoCounterStore } from './incidents/incident-number.mongo';
import { MongoIncidentStore } from './incidents/incident.mongo';
import { ClassificationCorrectionService } from './corrections/classification-correction.service';
import { IncidentIntakeService } from './intake/incident-intake.service';
import { MongoMisrouteStore } from './misroutes/misroute.mongo';
import { OperatorActionsService } from './operator-actions/operator-actions.service';
import { SurgeDetector } from './surge/surge-detector';
import { MongoSurgeStore } from './surge/surge.mongo';

const CONNECTION = getConnectionToken();

/** The domain services, wired over the MongoDB stores and the live directory. */
export const ROUTER_PROVIDERS: Provider[] = [
  { provide: MongoIncidentStore, inject: [CONNECTION], useFactory: (c: Connection) => new MongoIncidentStore(c) },
  { provide: MongoCounterStore, inject: [CONNECTION], useFactory: (c: Connection) => new MongoCounterStore(c) },
  { provide: MongoMisrouteStore, inject: [CONNECTION], useFactory: (c: Connection) => new MongoMisrouteStore(c) },
  { provide: MongoSurgeStore, inject: [CONNECTION, MongoIncidentStore], useFactory: (c: Connection, incidents: MongoIncidentStore) => new MongoSurgeStore(c, incidents) },
  {
    provide: IncidentFactory,
    inject: [MongoCounterStore, routerConfig.KEY],
    useFactory: (counters: MongoCounterStore, s: RouterSettings) => new IncidentFactory(counters, () => uuidv7(), s.defaultRegion),
  },
  {
    provide: IncidentIntakeService,
    inject: [MongoIncidentStore, IncidentFactory, DirectoryService, MongoSurgeStore, routerConfig.KEY],
    useFactory: (store: MongoIncidentStore, factory: IncidentFactory, directory: DirectoryService, surges: MongoSurgeStore, s: RouterSettings) =>
      new IncidentIntakeService(store, factory, () => directory.engine(), s.grouping, new SurgeDetector(surges, () => directory.engine().agencies.territories, s.surge)),
  },
  {
    provide: AgencyFeedbackService,
    inject: [MongoIncidentStore, MongoMisrouteStore, DirectoryService, routerConfig.KEY],
    useFactory: (store: MongoIncidentStore, misroutes: MongoMisrouteStore, directory: DirectoryService, s: RouterSettings) =>
      new AgencyFeedbackService(store, misroutes, () => directory.engine(), s.misroutes),
  },
  {
    provide: OperatorActionsService,
    inject: [MongoIncidentStore, MongoMisrouteStore, IncidentFactory, DirectoryService, routerConfig.KEY],
    useFactory: (store: MongoIncidentStore, misroutes: MongoMisrouteStore, factory: IncidentFactory, directory: DirectoryService, s: RouterSettings) =>
      new OperatorActionsService(store, misroutes, factory, () => directory.engine(), s.misroutes),
  },
  {
    provide: ClassificationCorrectionService,
    inject: [MongoIncidentStore, IncidentIntakeService, DirectoryService, routerConfig.KEY],
    useFactory: (store: MongoIncidentStore, intake: IncidentIntakeService, directory: DirectoryService, s: RouterSettings) =>
      new ClassificationCorrectionService(store, intake, () => directory.engine(), s.misroutes),
  },
];
