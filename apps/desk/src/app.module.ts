import { MiddlewareConsumer, Module, NestModule, Provider } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ConfigModule, ConfigType } from '@nestjs/config';
import { getConnectionToken, MongooseModule } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { PlatformModule } from '@otklik/platform';
import { ActionsController } from './actions/actions.controller';
import { AgencyActionsService } from './actions/agency-actions.service';
import { ClarificationService } from './actions/clarification.service';
import { CommandEmitter } from './actions/command-emitter';
import { OperatorActionsService } from './actions/operator-actions.service';
import { AuditController } from './audit/audit.controller';
import { AuditMiddleware } from './audit/audit.middleware';
import { AUDIT_MODEL, AuditSchema } from './audit/audit.schema';
import { MongoAuditStore } from './audit/audit.mongo';
import { AuditService } from './audit/audit.service';
import { AuditStore } from './audit/audit.store';
import { API_TOKEN_MODEL, ApiTokenSchema } from './auth/api-token.schema';
import { ApiTokensService } from './auth/api-tokens.service';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { SESSION_MODEL, SessionSchema } from './auth/session.schema';
import { ServiceTokens } from './auth/service-tokens';
import { SessionsService } from './auth/sessions.service';
import { DeskErrorsInterceptor } from './common/desk-errors.interceptor';
import { OwnerClient } from './owners/owner-client';
import { DESK_CONFIG, deskConfig } from './config/desk.config';
import { DirectoriesController } from './directories/directories.controller';
import { DirectoriesService } from './directories/directories.service';
import { COUNTER_MODEL, CounterSchema } from './dashboards/counter.schema';
import { CountersService } from './dashboards/counters.service';
import { DashboardsController } from './dashboards/dashboards.controller';
import { DashboardsService } from './dashboards/dashboards.service';
import { RatingsController } from './ratings/ratings.controller';
import { RatingsService } from './ratings/ratings.service';
import { IncidentsController } from './incidents/incidents.controller';
import { DismissedPostsController } from './posts/dismissed-posts.controller';
import { DismissedPostsService } from './posts/dismissed-posts.service';
import { HeldPostsController } from './posts/held-posts.controller';
import { HeldPostsService } from './posts/held-posts.service';
import { UndismissPostService } from './posts/undismiss-post.service';
import { IncidentsService } from './incidents/incidents.service';
import { IntakeForwarderService } from './open311/intake-forwarder.service';
import { OPEN311_REQUEST_MODEL, Open311RequestSchema } from './open311/open311-request.schema';
import { Open311Controller } from './open311/open311.controller';
import { GeoReportService } from './open311/open311.service';
import { OUTBOX_MODEL, OutboxSchema } from './outbox/outbox.schema';
import { OutboxService } from './outbox/outbox.service';
import { PHOTO_MODEL, PhotoSchema } from './photos/photo.schema';
import { PhotosController } from './photos/photos.controller';
import { PhotosService } from './photos/photos.service';
import { ProjectionHandler } from './events/projection.handler';
import { IncidentFollower } from './projection/incident-follower';
import { INCIDENT_MODEL, IncidentSchema, POST_MODEL, PostSchema } from './projection/projection.schema';
import { ProjectionService } from './projection/projection.service';
import { SurgeClaims } from './surges/surge-claims';
import { SurgeEscalationService } from './surges/surge-escalation.service';
import { SurgeQueueService } from './surges/surge-queue.service';
import { SURGE_MODEL, SurgeSchema } from './surges/surge.schema';
import { SurgesController } from './surges/surges.controller';
import { TaxonomyController } from './taxonomy/taxonomy.controller';
import { TaxonomyService } from './taxonomy/taxonomy.service';
import { USER_MODEL, UserSchema } from './users/user.schema';
import { UsersController } from './admin/users.controller';
import { UsersService } from './users/users.service';

const SURGE_CLAIMS: Provider = { provide: SurgeClaims, inject: [getConnectionToken()], useFactory: (c: Connection) => new SurgeClaims(c) };

@Module({
  imports: [
    PlatformModule.forRoot('desk', { callers: 'own' }),
    ConfigModule.forFeature(deskConfig),
    MongooseModule.forFeature([
      { name: USER_MODEL, schema: UserSchema },
      { name: SESSION_MODEL, schema: SessionSchema },
      { name: API_TOKEN_MODEL, schema: ApiTokenSchema },
      { name: AUDIT_MODEL, schema: AuditSchema },
      { name: INCIDENT_MODEL, schema: IncidentSchema },
      { name: POST_MODEL, schema: PostSchema },
      { name: COUNTER_MODEL, schema: CounterSchema },
      { name: OUTBOX_MODEL, schema: OutboxSchema },
      { name: PHOTO_MODEL, schema: PhotoSchema },
      { name: OPEN311_REQUEST_MODEL, schema: Open311RequestSchema },
      { name: SURGE_MODEL, schema: SurgeSchema },
    ]),
  ],
  controllers: [
    AuthController,
    UsersController,
    AuditController,
    IncidentsController,
    DismissedPostsController,
    ActionsController,
    DashboardsController,
    RatingsController,
    PhotosController,
    Open311Controller,
    TaxonomyController,
    DirectoriesController,
    SurgesController,
    HeldPostsController,
    ProjectionHandler,
  ],
  providers: [
    { provide: DESK_CONFIG, inject: [deskConfig.KEY], useFactory: (config: ConfigType<typeof deskConfig>) => config },
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_INTERCEPTOR, useClass: DeskErrorsInterceptor },
    UsersService,
    SessionsService,
    ApiTokensService,
    { provide: AuditStore, useClass: MongoAuditStore },
    AuditService,
    TaxonomyService,
    ProjectionService,
    CountersService,
    { provide: IncidentFollower, useExisting: CountersService },
    IncidentsService,
    DismissedPostsService,
    OutboxService,
    CommandEmitter,
    OperatorActionsService,
    AgencyActionsService,
    ClarificationService,
    DashboardsService,
    RatingsService,
    PhotosService,
    GeoReportService,
    IntakeForwarderService,
    DirectoriesService,
    ServiceTokens,
    OwnerClient,
    HeldPostsService,
    UndismissPostService,
    SurgeQueueService,
    SurgeEscalationService,
    SURGE_CLAIMS,
  ],
})
export class AppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(AuditMiddleware).forRoutes('*');
  }
}
