import { ExecutionContext, HttpException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { RateLimit, RateLimitGuard } from './rate-limit';

class Routes {
  @RateLimit({ variable: 'SPEC_PER_MINUTE', perMinute: 2, by: 'credential' }) intake(): void {}
  open(): void {}
}

function call(guard: RateLimitGuard, handler: keyof Routes, authorization?: string): { allowed: boolean; status?: number; retryAfter?: string } {
  const headers: Record<string, string> = {};
  const request = { ip: '10.0.0.1', get: (name: string) => (name === 'authorization' ? authorization : undefined) };
  const context = {
    getType: () => 'http',
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => ({ setHeader: (n: string, v: string) => (headers[n] = v) }) }),
  } as unknown as ExecutionContext;
  try {
    return { allowed: guard.canActivate(context) };
  } catch (error) {
    if (!(error instanceof HttpException)) throw error;
    return { allowed: false, status: error.getStatus(), retryAfter: headers['Retry-After'] };
  }
}

describe('rate limit', () => {
  afterEach(() => delete process.env.SPEC_PER_MINUTE);

  it('answers 429 with Retry-After past the limit, per credential, and leaves other routes alone', () => {
    const guard = new RateLimitGuard(new Reflector());
    expect([1, 2].map(() => call(guard, 'intake', 'Bearer a').allowed)).toEqual([true, true]);
    expect(call(guard, 'intake', 'Bearer a')).toEqual({ allowed: false, status: 429, retryAfter: expect.stringMatching(/^\d+$/) });
    expect(call(guard, 'intake', 'Bearer b').allowed).toBe(true);
    expect([1, 2, 3].every(() => call(guard, 'open').allowed)).toBe(true);
  });

  it('takes the limit from its variable and refuses a malformed one naming it', () => {
    const guard = new RateLimitGuard(new Reflector());
    process.env.SPEC_PER_MINUTE = '1';
    call(guard, 'intake');
    expect(call(guard, 'intake').status).toBe(429);
    process.env.SPEC_PER_MINUTE = 'many';
    const fresh = new RateLimitGuard(new Reflector());
    call(fresh, 'intake');
    expect(() => call(fresh, 'intake')).toThrow('SPEC_PER_MINUTE="many": must be a whole number');
  });
});
