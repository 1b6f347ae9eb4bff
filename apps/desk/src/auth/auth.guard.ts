import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { DeskRole } from '@otklik/contracts';
import type { Principal } from '../access/principal';
import { DeskError } from '../common/desk-error';
import { toHttpException } from '../common/desk-errors.interceptor';
import { ApiTokensService } from './api-tokens.service';
import { DeskRequest, PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import { SessionsService } from './sessions.service';

/** Name of the console's session cookie. */
export const SESSION_COOKIE = 'otklik_session';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** The platform's probes and metrics are for the orchestrator and Prometheus, which carry no credentials. */
const PLATFORM_PATHS = /^\/(health(\/(live|ready))?|metrics)$/;

/** Reads one cookie from a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return decodeURIComponent(part.slice(index + 1).trim());
  }
  return undefined;
}

/**
 * A cookie is sent by the browser whoever built the request, so a cookie-borne write must come
 * from a page of desk itself. SameSite=Strict already stops this in current browsers; the Origin
 * check covers the rest.
 */
function sameOrigin(request: DeskRequest): boolean {
  const origin = request.get('origin');
  if (!origin) return true;
  try {
    return new URL(origin).host === request.get('host');
  } catch {
    return false;
  }
}

/** Resolves the caller from a bearer header or the session cookie, then checks the route's roles. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
    private readonly tokens: ApiTokensService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<DeskRequest>();
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) ?? false) || PLATFORM_PATHS.test(request.path);
    request.principal = await this.resolve(request);
    if (isPublic) return true;
    const principal = request.principal;
    if (!principal) throw toHttpException(new DeskError('unauthenticated', 'sign in or present an API token'));
    if (principal.via === 'cookie' && UNSAFE.has(request.method) && !sameOrigin(request)) {
      throw toHttpException(DeskError.forbidden('cross-site request refused'));
    }
    const roles = this.reflector.getAllAndOverride<DeskRole[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(principal.role)) throw toHttpException(DeskError.forbidden(`role ${principal.role} may not do this`));
    return true;
  }

  private async resolve(request: DeskRequest): Promise<Principal | undefined> {
    const header = request.get('authorization');
    const bearer = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
    if (bearer) {
      return (await this.tokens.authenticate(bearer)) ?? (await this.sessions.authenticate(bearer, 'bearer'));
    }
    const cookie = readCookie(request.get('cookie'), SESSION_COOKIE);
    return cookie ? this.sessions.authenticate(cookie, 'cookie') : undefined;
  }
}
