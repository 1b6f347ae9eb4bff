import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AuthModule } from '../auth/auth.module';
import { ProjectionModule } from '../projection/projection.module';
import { TaxonomyModule } from '../taxonomy/taxonomy.module';
import { IntakeForwarderService } from './intake-forwarder.service';
import { MongoOpen311RequestStore } from './open311-request.mongo';
import { OPEN311_REQUEST_MODEL, Open311RequestSchema } from './open311-request.schema';
import { Open311RequestStore } from './open311-request.store';
import { Open311Controller } from './open311.controller';
import { GeoReportService } from './open311.service';

/** Open311 GeoReport v2: requests taken in and forwarded to ingest, and their status from the read model. */
@Module({
  imports: [AuthModule, ProjectionModule, TaxonomyModule, MongooseModule.forFeature([{ name: OPEN311_REQUEST_MODEL, schema: Open311RequestSchema }])],
  controllers: [Open311Controller],
  providers: [{ provide: Open311RequestStore, useClass: MongoOpen311RequestStore }, GeoReportService, IntakeForwarderService],
})
export class Open311Module {}
