import { Module } from '@nestjs/common';
import { DispatchModule } from '../dispatch/dispatch.module';
import { ProjectionModule } from '../projection/projection.module';
import { SurgeModule } from '../surge/surge.module';
import { NoticeHandler } from './notice.handler';

/** Notices of routing and SLA events (routed, rerouted, warnings, breaches, escalations, met) to agencies. */
@Module({
  imports: [DispatchModule, ProjectionModule, SurgeModule],
  controllers: [NoticeHandler],
})
export class NoticesModule {}
