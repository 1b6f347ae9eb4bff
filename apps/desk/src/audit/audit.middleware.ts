import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Response } from 'express';
import type { DeskRequest } from '../auth/auth.decorators';
import { AuditService, outcomeOf } from './audit.service';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const INCIDENT_IN_PATH = /\/incidents\/([^/?]+)/;

/**
 * Records every write once its response is finished, whatever the outcome: a refused attempt
 * (bad credentials, another agency's incident, invalid input) is as much worth keeping as a
 * success. The principal is read after the fact because the auth guard runs after middleware.
 */
@Injectable()
export class AuditMiddleware implements NestMiddleware {
  constructor(private readonly audit: AuditService) {}

  use(request: DeskRequest, response: Response, next: NextFunction): void {
    if (!WRITES.has(request.method)) return next();
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const principal = request.principal;
      const path = request.originalUrl.split('?')[0] ?? request.originalUrl;
      void this.audit.record({
        at: new Date(),
        actor: principal && {
          id: principal.id,
          kind: principal.kind,
          name: principal.name,
          role: principal.role,
          ...(principal.agencyId ? { agencyId: principal.agencyId } : {}),
        },
        method: request.method,
        path,
        status: response.statusCode,
        outcome: outcomeOf(response.statusCode),
        incidentId: INCIDENT_IN_PATH.exec(path)?.[1],
        ip: request.ip,
        userAgent: request.get('user-agent')?.slice(0, 300),
        body: request.body,
        durationMs: Number(process.hrtime.bigint() - started) / 1e6,
      });
    });
    next();
  }
}
