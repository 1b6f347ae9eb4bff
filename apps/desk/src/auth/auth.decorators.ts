import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { PUBLIC_EXTENSION } from '@otklik/auth';
import { ApiExtension } from '@nestjs/swagger';
import type { DeskRole } from '@otklik/contracts';
import type { Request } from 'express';
import type { Principal } from '../access/principal';
import { DeskError } from '../common/desk-error';
import { toHttpException } from '../common/desk-errors.interceptor';

export const PUBLIC_KEY = 'desk:public';
export const ROLES_KEY = 'desk:roles';

/** The route needs no credential (Open311 reads, login, photos published to citizens). */
export const Public = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(PUBLIC_KEY, true), ApiExtension(PUBLIC_EXTENSION, true));

/** Only these roles may call the route. */
export const Roles = (...roles: DeskRole[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);

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
