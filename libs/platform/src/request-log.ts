import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import type { CallerRequest } from '@otklik/auth';

/** Probes and scrapes come every few seconds from machines: logged only at debug. */
const QUIET_PATHS = /^\/(health(\/(live|ready))?|metrics)$/;

/** Where the error filter leaves what went wrong, for the request's log line. */
export const ERROR_LOCAL = 'otklikError';

/**
 * One log line per answered request: method, URL, status, time taken, client address, headers,
 * the verified caller, and for a refused or failed request what went wrong. Written when the
 * answer has gone out, at info (warn for 4xx, error for 5xx). Credentials in it (the
 * Authorization header, cookies, secret query parameters) are removed by the logger's redaction.
 */
export function requestLog(logger: Logger): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      const status = response.statusCode;
      const level = QUIET_PATHS.test(request.path) ? 'debug' : status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
      if (!logger.isLevelEnabled(level)) return;
      const caller = (request as CallerRequest).caller;
      logger[level](
        {
          req: { method: request.method, url: request.originalUrl, remoteAddress: request.ip, headers: request.headers },
          res: { statusCode: status },
          responseTimeMs: Number(process.hrtime.bigint() - started) / 1e6,
          ...(caller ? { caller: { sub: caller.sub, role: caller.role } } : {}),
          ...(status >= 400 && response.locals[ERROR_LOCAL] !== undefined ? { error: response.locals[ERROR_LOCAL] } : {}),
        },
        `${request.method} ${request.path} ${status}`,
      );
    });
    next();
  };
}
