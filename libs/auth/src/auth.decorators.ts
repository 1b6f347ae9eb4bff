import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata, UnauthorizedException } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Caller, Role } from './roles';

export const PUBLIC_KEY = 'otklik:public';
export const ROLES_KEY = 'otklik:roles';
/** OpenAPI extension that marks an operation needing no token (removed when the document is built). */
export const PUBLIC_EXTENSION = 'x-otklik-public';

/**
 * The route needs no token: health, metrics, and platform webhooks that prove themselves with
 * their own secret (VK confirmation and secret, Telegram's secret_token).
 */
export const Public = (): MethodDecorator & ClassDecorator => applyDecorators(SetMetadata(PUBLIC_KEY, true), ApiExtension(PUBLIC_EXTENSION, true));

/** Only callers with one of these roles may call the route; a route without it is admin-only. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);

/** A request after the caller guard has verified its token. */
export interface CallerRequest extends Request {
  caller?: Caller;
}

/** The verified caller of a route that is not public. */
export const CurrentCaller = createParamDecorator((_: unknown, context: ExecutionContext): Caller => {
  const caller = context.switchToHttp().getRequest<CallerRequest>().caller;
  if (!caller) throw new UnauthorizedException({ statusCode: 401, error: 'Unauthorized', message: ['authorization: no verified caller'] });
  return caller;
});
