import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AuditController } from './audit.controller';
import { AuditMiddleware } from './audit.middleware';
import { MongoAuditStore } from './audit.mongo';
import { AUDIT_MODEL, AuditSchema } from './audit.schema';
import { AuditService } from './audit.service';
import { AuditStore } from './audit.store';

/** The audit log: every write attempt on any route recorded, and its listing for administrators. */
@Module({
  imports: [MongooseModule.forFeature([{ name: AUDIT_MODEL, schema: AuditSchema }])],
  controllers: [AuditController],
  providers: [{ provide: AuditStore, useClass: MongoAuditStore }, AuditService],
})
export class AuditModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(AuditMiddleware).forRoutes('*');
  }
}
