import { Inject, Injectable, NestMiddleware, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { NextFunction, Response } from 'express';
import { Connection } from 'mongoose';
import { Logger } from 'pino';
import type { CallerRequest } from '@otklik/auth';
import { IsInt, Min } from 'class-validator';
import { readEnv } from '@otklik/config';
import { LOGGER, SERVICE_NAME, ServiceName } from './platform.tokens';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const HOUR_MS = 3_600_000;
/** Collection of the write audit, in each service's own database. */
export const AUDIT_COLLECTION = 'audit_log';

class AuditEnv {
  @IsInt()
  @Min(1)
  AUDIT_RETENTION_DAYS: number = 365;
}

/** One write attempt: who, what, when, from where, and how it ended. No body, so no secret. */
export interface AuditRecord {
  at: Date;
  service: ServiceName;
  actor?: { sub: string; role: string; agencyId?: string; name?: string };
  method: string;
  path: string;
  status: number;
  ip?: string;
}

/** Keeps the write audit and deletes records older than AUDIT_RETENTION_DAYS once an hour. */
@Injectable()
export class WriteAuditLog implements OnModuleInit, OnModuleDestroy {
  private readonly retentionDays = readEnv(AuditEnv).AUDIT_RETENTION_DAYS;
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectConnection() private readonly connection: Connection,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.connection.collection(AUDIT_COLLECTION).createIndex({ at: 1 });
    this.timer = setInterval(() => void this.purge(), HOUR_MS).unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Stores one record; a failure is logged with the record (it holds no secret), never thrown. */
  async record(entry: AuditRecord): Promise<void> {
    try {
      await this.connection.collection(AUDIT_COLLECTION).insertOne({ ...entry });
    } catch (error) {
      this.logger.error({ err: error, audit: entry }, 'audit record not stored');
    }
  }

  /** Deletes records past their retention. */
  async purge(now = new Date()): Promise<number> {
    try {
      const { deletedCount } = await this.connection.collection(AUDIT_COLLECTION).deleteMany({ at: { $lt: new Date(now.getTime() - this.retentionDays * 24 * HOUR_MS) } });
      return deletedCount;
    } catch (error) {
      this.logger.warn({ err: error }, 'audit purge failed; retried in an hour');
      return 0;
    }
  }
}

/**
 * Records every POST/PUT/PATCH/DELETE once answered, refused ones included. The caller is read
 * when the response finishes, because the guard that verifies it runs after middleware.
 */
@Injectable()
export class WriteAuditMiddleware implements NestMiddleware {
  constructor(
    private readonly log: WriteAuditLog,
    @Inject(SERVICE_NAME) private readonly service: ServiceName,
  ) {}

  use(request: CallerRequest, response: Response, next: NextFunction): void {
    if (!WRITES.has(request.method)) return next();
    response.on('finish', () => {
      const caller = request.caller;
      void this.log.record({
        at: new Date(),
        service: this.service,
        ...(caller ? { actor: { sub: caller.sub, role: caller.role, ...(caller.agencyId ? { agencyId: caller.agencyId } : {}), ...(caller.name ? { name: caller.name } : {}) } } : {}),
        method: request.method,
        path: request.originalUrl.split('?')[0] ?? request.originalUrl,
        status: response.statusCode,
        ip: request.ip,
      });
    });
    next();
  }
}
