import { Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { PlatformModule } from '@otklik/platform';
import { ActionsModule } from './actions/actions.module';
import { AdminModule } from './admin/admin.module';
import { AuditModule } from './audit/audit.module';
import { AuthGuard } from './auth/auth.guard';
import { AuthModule } from './auth/auth.module';
import { DeskErrorsInterceptor } from './common/desk-errors.interceptor';
import { DeskConfigModule } from './config/desk-config.module';
import { DashboardsModule } from './dashboards/dashboards.module';
import { IncidentFollowerModule } from './dashboards/incident-follower.module';
import { DirectoriesModule } from './directories/directories.module';
import { EventsModule } from './events/events.module';
import { IncidentsModule } from './incidents/incidents.module';
import { Open311Module } from './open311/open311.module';
import { PhotosModule } from './photos/photos.module';
import { PostsModule } from './posts/posts.module';
import { RatingsModule } from './ratings/ratings.module';
import { SurgesModule } from './surges/surges.module';
import { TaxonomyModule } from './taxonomy/taxonomy.module';

@Module({
  imports: [
    PlatformModule.forRoot('desk', { callers: 'own' }),
    DeskConfigModule,
    AuthModule,
    AdminModule,
    AuditModule,
    IncidentsModule,
    PostsModule,
    ActionsModule,
    DashboardsModule,
    IncidentFollowerModule,
    RatingsModule,
    PhotosModule,
    Open311Module,
    TaxonomyModule,
    DirectoriesModule,
    SurgesModule,
    EventsModule,
  ],
  providers: [
    // Declared here, in the root module, so that the caller is known before the platform's rate limit counts the call.
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_INTERCEPTOR, useClass: DeskErrorsInterceptor },
  ],
})
export class AppModule {}
