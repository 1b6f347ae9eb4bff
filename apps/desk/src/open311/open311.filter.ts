import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import type { Logger } from 'pino';
import { InjectLogger } from '@otklik/platform';
import type { Request, Response } from 'express';
import { FieldIssue } from '../common/desk-error';
import { splitFormat, toXml } from './open311.format';

/** One error as GeoReport v2 spells it. */
export interface Open311Error {
  code: number;
  description: string;
}

/** The spec's error list for any failure: one entry per bad field, or one for the whole request. */
export function open311Errors(exception: unknown): { status: number; errors: Open311Error[] } {
  if (!(exception instanceof HttpException)) return { status: 500, errors: [{ code: 500, description: 'internal error' }] };
  const status = exception.getStatus();
  const body = exception.getResponse();
  if (typeof body === 'object' && body !== null) {
    const { fields, message } = body as { fields?: FieldIssue[]; message?: string | string[] };
    if (fields?.length) return { status, errors: fields.map((issue) => ({ code: status, description: `${issue.field}: ${issue.message}` })) };
    if (Array.isArray(message)) return { status, errors: message.map((description) => ({ code: status, description })) };
    if (message) return { status, errors: [{ code: status, description: message }] };
  }
  return { status, errors: [{ code: status, description: typeof body === 'string' ? body : exception.message }] };
}

/** Open311 routes answer errors as `[{ code, description }]` (or `<errors>`), in the request's format. */
@Catch()
export class Open311ErrorsFilter implements ExceptionFilter {
  constructor(@InjectLogger() private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const { status, errors } = open311Errors(exception);
    if (status >= 500) this.logger.error({ err: exception }, `open311 ${request.method} ${request.path} failed`);
    const last = request.path.split('/').pop() ?? '';
    if (splitFormat(last)?.format === 'xml') {
      response
        .status(status)
        .type('application/xml')
        .send(toXml('errors', 'error', errors));
    } else {
      response.status(status).json(errors);
    }
  }
}
