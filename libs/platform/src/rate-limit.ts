import { applyDecorators, CanActivate, ExecutionContext, HttpException, HttpStatus, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiErrors } from '@otklik/auth';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';

const RATE_LIMIT_KEY = 'otklik:rate-limit';
const WINDOW_MS = 60_000;
/** Past this many tracked callers, finished windows are dropped. */
const PRUNE_AT = 10_000;

/** How often one caller may call a route. */
export interface RateLimitOptions {
  /** Environment variable that overrides `perMinute`, e.g. INGEST_INTAKE_PER_MINUTE. */
  variable: string;
  perMinute: number;
  /** `credential`: per Authorization header (one token or API key), else per client address; `address`: per client address. */
  by: 'credential' | 'address';
}

/** Limits calls to the route per caller and minute; beyond it 429 with Retry-After. */
export const RateLimit = (options: RateLimitOptions): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(RATE_LIMIT_KEY, options), ApiErrors({ 429: `More than ${options.perMinute} calls a minute from one caller (${options.variable}); see Retry-After` }));

/** Reads a per-minute limit from its variable; a value that is not a positive integer is refused at the first call. */
function limitOf(options: RateLimitOptions): number {
  const text = process.env[options.variable];
  if (text === undefined || text === '') return options.perMinute;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${options.variable}="${text}": must be a whole number of calls a minute, at least 1`);
  return value;
}

/**
 * Fixed one-minute windows per caller and route, in memory: each instance limits on its own, which
 * bounds what one caller can make one instance do. The key of a credential is its hash, never the
 * credential itself.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const options = this.reflector.getAllAndOverride<RateLimitOptions | undefined>(RATE_LIMIT_KEY, [context.getHandler(), context.getClass()]);
    if (!options) return true;
    const request = context.switchToHttp().getRequest<Request>();
    const now = Date.now();
    const key = `${options.variable}|${this.callerOf(request, options)}`;
    const window = this.windows.get(key);
    if (!window || now - window.start >= WINDOW_MS) {
      if (this.windows.size >= PRUNE_AT) this.prune(now);
      this.windows.set(key, { start: now, count: 1 });
      return true;
    }
    window.count += 1;
    if (window.count <= limitOf(options)) return true;
    context
      .switchToHttp()
      .getResponse<Response>()
      .setHeader('Retry-After', String(Math.ceil((window.start + WINDOW_MS - now) / 1000)));
    throw new HttpException({ statusCode: 429, error: 'Too Many Requests', message: [`rate: at most ${limitOf(options)} calls a minute`] }, HttpStatus.TOO_MANY_REQUESTS);
  }

  private callerOf(request: Request, options: RateLimitOptions): string {
    const credential = options.by === 'credential' ? request.get('authorization') : undefined;
    return credential ? createHash('sha256').update(credential).digest('base64url') : `ip:${request.ip ?? 'unknown'}`;
  }

  private prune(now: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= WINDOW_MS) this.windows.delete(key);
  }
}
