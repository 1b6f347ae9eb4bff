import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { AuthConfig, authConfig } from './auth.config';
import { CallerRequest, PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import type { Role } from './roles';
import { TokenError, verifyToken } from './token';

const ADMIN_ONLY: readonly Role[] = ['admin'];

function unauthorized(response: Response, reason: string): UnauthorizedException {
  response.setHeader('WWW-Authenticate', 'Bearer realm="otklik"');
  return new UnauthorizedException({ statusCode: 401, error: 'Unauthorized', message: [`authorization: ${reason}`] });
}

/**
 * Every route of a service needs `Authorization: Bearer <token>` signed with the shared key set,
 * and a role its `@Roles` allows (a route without `@Roles` is admin-only), unless it is `@Public`.
 * No token or a bad one is 401; a good token with the wrong role is 403.
 */
@Injectable()
export class CallerGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(authConfig.KEY) private readonly auth: AuthConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<CallerRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    const header = request.get('authorization');
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match?.[1]) throw unauthorized(response, 'present Authorization: Bearer <token>');
    try {
      request.caller = verifyToken(match[1], this.auth.keys);
    } catch (error) {
      if (error instanceof TokenError) throw unauthorized(response, error.message);
      throw error;
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? ADMIN_ONLY;
    if (!roles.includes(request.caller.role)) {
      throw new ForbiddenException({ statusCode: 403, error: 'Forbidden', message: [`role: ${request.caller.role} may not do this (allowed: ${roles.join(', ')})`] });
    }
    return true;
  }
}
