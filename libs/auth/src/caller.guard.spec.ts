import { ExecutionContext, ForbiddenException, HttpException, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import { CallerRequest, Public, Roles } from './auth.decorators';
import { CallerGuard } from './caller.guard';
import { generateKeySetText, parseKeySet } from './key-set';
import { issueToken } from './token';

const keys = parseKeySet(generateKeySetText('k1', randomBytes));

class Routes {
  @Public() health(): void {}
  @Roles('operator', 'agency') read(): void {}
  unannotated(): void {}
}

function context(handler: keyof Routes, authorization?: string): { context: ExecutionContext; request: CallerRequest; headers: Record<string, string> } {
  const headers: Record<string, string> = {};
  const request = { get: (name: string) => (name === 'authorization' ? authorization : undefined) } as unknown as CallerRequest;
  const response = { setHeader: (name: string, value: string) => (headers[name] = value) };
  const context = {
    getType: () => 'http',
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }),
  } as unknown as ExecutionContext;
  return { context, request, headers };
}

const guard = new CallerGuard(new Reflector(), { keys });
const bearer = (role: 'operator' | 'admin' | 'integration') => `Bearer ${issueToken({ sub: 's', role }, keys)}`;

function refusal(run: () => unknown): HttpException {
  try {
    run();
  } catch (error) {
    if (error instanceof HttpException) return error;
  }
  throw new Error('not refused');
}

describe('caller guard', () => {
  it('lets a public route through without a token', () => {
    expect(guard.canActivate(context('health').context)).toBe(true);
  });

  it('answers 401 with a Bearer challenge without a token, and never echoes a bad token', () => {
    const missing = context('read');
    expect(refusal(() => guard.canActivate(missing.context))).toBeInstanceOf(UnauthorizedException);
    expect(missing.headers['WWW-Authenticate']).toMatch(/^Bearer/);
    const token = issueToken({ sub: 's', role: 'operator' }, parseKeySet(generateKeySetText('k1', randomBytes)));
    const bad = refusal(() => guard.canActivate(context('read', `Bearer ${token}`).context));
    expect(bad).toBeInstanceOf(UnauthorizedException);
    expect(JSON.stringify(bad.getResponse())).not.toContain(token.split('.')[2]);
  });

  it('puts the verified caller on the request and answers 403 to a role the route does not allow', () => {
    const allowed = context('read', bearer('operator'));
    expect(guard.canActivate(allowed.context)).toBe(true);
    expect(allowed.request.caller).toEqual({ sub: 's', role: 'operator' });
    expect(refusal(() => guard.canActivate(context('read', bearer('integration')).context))).toBeInstanceOf(ForbiddenException);
  });

  it('keeps a route without @Roles to admins', () => {
    expect(refusal(() => guard.canActivate(context('unannotated', bearer('operator')).context))).toBeInstanceOf(ForbiddenException);
    expect(guard.canActivate(context('unannotated', bearer('admin')).context)).toBe(true);
  });
});
