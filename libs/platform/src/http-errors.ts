import { ArgumentsHost, BadRequestException, Catch, ExceptionFilter, HttpException, HttpStatus, ValidationPipe } from '@nestjs/common';
import type { Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { Error as MongooseError } from 'mongoose';
import { Logger } from 'pino';
import { describeValidationErrors } from '@otklik/contracts';
import { ERROR_LOCAL } from './request-log';

/** Request bodies and queries validated against their DTOs; the 400 names every bad field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new BadRequestException({ statusCode: 400, error: 'Bad Request', message: describeValidationErrors(errors) }),
  });
}

const NOT_JSON = 'not valid JSON';

/**
 * A body JSON.parse refused, as Nest hands it on: a BadRequestException carrying the parser's
 * message, which quotes the start of the body (where a password or a secret may stand). Our own
 * 400s name fields in a list; this one is a single string about JSON.
 */
function isUnparsableJson(exception: unknown): boolean {
  if (!(exception instanceof BadRequestException)) return false;
  const message = (exception.getResponse() as { message?: unknown }).message;
  return typeof message === 'string' && /\bJSON\b/.test(message);
}

/** What the body parser throws (an http-errors error): a status, whether its message may be shown, a type. */
interface BodyParserError {
  status: number;
  message: string;
  type?: unknown;
}

/**
 * The body parser's client error, as it threw it or inside the HttpException that Nest 12's Express
 * adapter wraps it in (its message bare, where ours names the body).
 */
function bodyParserError(exception: unknown): BodyParserError | undefined {
  const error = (exception instanceof HttpException ? exception.cause : exception) as { status?: unknown; expose?: unknown } | undefined;
  if (error?.expose !== true || typeof error.status !== 'number' || error.status < 400 || error.status >= 500) return undefined;
  return error as BodyParserError;
}

/**
 * Turns errors into answers a client can act on: bad ids and invalid documents are 400, a
 * duplicate key is 409, HTTP exceptions keep their status, the body parser's client errors (a body
 * past the size limit, JSON that does not parse) keep theirs; anything else is logged and is a 500
 * carrying no internals. What the answer says went wrong is left for the request's log line.
 */
@Catch()
export class HttpErrorsFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const response = host.switchToHttp().getResponse<Response>();
    const { status, body } = this.describe(exception);
    // A 5xx HttpException is an answer a handler chose (a readiness check's 503); the request's log line has it.
    if (status >= 500 && !(exception instanceof HttpException)) this.logger.error({ err: exception }, 'unhandled error in an HTTP handler');
    response.locals[ERROR_LOCAL] = (body as { message?: unknown }).message ?? (body as { error?: unknown }).error;
    response.status(status).json(body);
  }

  private describe(exception: unknown): { status: number; body: object } {
    if (isUnparsableJson(exception)) {
      return { status: 400, body: { statusCode: 400, error: 'Bad Request', message: [`body: ${NOT_JSON}`] } };
    }
    const parser = bodyParserError(exception);
    if (parser) {
      // JSON.parse quotes the start of the body in its message, which may hold a password or a secret.
      const problem = parser.type === 'entity.parse.failed' ? NOT_JSON : String(parser.message);
      return { status: parser.status, body: { statusCode: parser.status, error: STATUS_CODES[parser.status], message: [`body: ${problem}`] } };
    }
    if (exception instanceof HttpException) {
      const answer = exception.getResponse();
      return { status: exception.getStatus(), body: typeof answer === 'string' ? { statusCode: exception.getStatus(), message: answer } : answer };
    }
    if (exception instanceof MongooseError.CastError) {
      return { status: 400, body: { statusCode: 400, error: 'Bad Request', message: [`${exception.path}: not a valid ${exception.kind}`] } };
    }
    if (exception instanceof MongooseError.ValidationError) {
      const message = Object.values(exception.errors).map((e) => `${e.path}: ${e.message}`);
      return { status: 400, body: { statusCode: 400, error: 'Bad Request', message } };
    }
    if ((exception as { code?: number }).code === 11000) {
      return { status: 409, body: { statusCode: 409, error: 'Conflict', message: 'a record with the same key exists' } };
    }
    return { status: HttpStatus.INTERNAL_SERVER_ERROR, body: { statusCode: 500, error: 'Internal Server Error' } };
  }
}
