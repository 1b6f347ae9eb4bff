import { INestApplication } from '@nestjs/common';
import express, { NextFunction, Request, RequestHandler, Response } from 'express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findWorkspaceRoot } from '@otklik/config';
import { DeskConfig } from '../config/desk.config';
import { PHOTO_TYPES } from '../photos/photos.service';

/** Bodies larger than this are refused (photos have their own limit). */
const JSON_LIMIT = '1mb';
const PHOTO_LIMIT = 5 * 1024 * 1024 + 1;

/** The console is plain files: HTML, ES modules, CSS. */
export function consoleDir(): string {
  const configured = process.env.DESK_CONSOLE_DIR;
  if (configured) return resolve(configured);
  const root = findWorkspaceRoot(__dirname);
  const dir = root ? join(root, 'apps/desk/console') : resolve(__dirname, '../../console');
  if (!existsSync(join(dir, 'index.html'))) throw new Error(`desk console not found at ${dir}; set DESK_CONSOLE_DIR`);
  return dir;
}

/**
 * Wraps a body parser so that a malformed or oversized body gets a JSON answer naming the body
 * (in Open311's error format on Open311 paths) instead of express's HTML error page.
 */
function parsing(parser: RequestHandler): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    parser(request, response, (error?: unknown) => {
      if (!error) return next();
      const { status = 400, type, message } = error as { status?: number; type?: string; message?: string };
      const problem = type === 'entity.parse.failed' ? 'not valid JSON' : (message ?? 'rejected');
      const description = `body: ${problem}`;
      if (request.path.startsWith('/open311/')) {
        response.status(status).json([{ code: status, description }]);
      } else {
        response.status(status).json({ statusCode: status, error: 'bad_request', message: description, fields: [{ field: 'body', message: problem }] });
      }
    });
  };
}

/** Headers for every answer: no MIME sniffing, no framing. */
function securityHeaders(_request: Request, response: Response, next: NextFunction): void {
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('Referrer-Policy', 'same-origin');
  next();
}

/** The console runs only its own scripts and styles (photos may come from agencies' sites). */
const CONSOLE_CSP = "default-src 'self'; img-src 'self' data: https: http:; style-src 'self'; script-src 'self'; frame-ancestors 'none'";

/** HTTP set-up that must happen before Nest's routes: proxy trust, body parsers, the console's files. */
export function configureWeb(app: INestApplication, config: DeskConfig): void {
  const http = app.getHttpAdapter().getInstance() as express.Express;
  http.set('trust proxy', config.trustProxy);
  http.disable('x-powered-by');
  app.use('/api/v1/photos', parsing(express.raw({ type: [...PHOTO_TYPES], limit: PHOTO_LIMIT })));
  app.use(parsing(express.json({ limit: JSON_LIMIT })));
  app.use(parsing(express.urlencoded({ extended: true, limit: JSON_LIMIT })));
  app.use(securityHeaders);
  // The links in notices and in replies to citizens name an incident by its number: they open its console page.
  http.get('/incidents/:ref', (request: Request, response: Response) => {
    response.redirect(302, `/#/incident/${encodeURIComponent(String(request.params.ref))}`);
  });
  app.use(
    express.static(consoleDir(), {
      index: 'index.html',
      maxAge: 0,
      fallthrough: true,
      setHeaders: (response) => response.setHeader('Content-Security-Policy', CONSOLE_CSP),
    }),
  );
}
