import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Principal } from '../access/principal';
import { DeskError } from '../common/desk-error';
import { toHttpException } from '../common/desk-errors.interceptor';

/**
 * `@Public()` (Open311 reads, login, photos published to citizens) and `@Roles(...)` are the whole
 * system's (libs/auth): desk's guard reads the same metadata as the other services' guard.
 */
export { Public, PUBLIC_KEY, Roles, ROLES_KEY } from '@otklik/auth';

/** A request after the auth guard has looked at its credential. */
export interface DeskRequest extends Request {
  principal?: Principal;
}

/** The authenticated caller; routes using it are never public. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<DeskRequest>().principal;
  if (!principal) throw toHttpException(new DeskError('unauthenticated', 'sign in or present an API token'));
  return principal;
});

/** Address and agent of the caller, for sessions and the audit log. */
export const ClientOf = createParamDecorator((_: unknown, context: ExecutionContext) => {
  const request = context.switchToHttp().getRequest<DeskRequest>();
  return { ip: request.ip, userAgent: request.get('user-agent') };
});
