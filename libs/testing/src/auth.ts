import { Caller, issueToken, KeySet, parseKeySet } from '@otklik/auth';

/** A fixed key set for tests only (never deployed): every test process signs and verifies with it. */
export const TEST_AUTH_KEYS = 'test:b3RrbGlrLXRlc3Qta2V5LW5vdC1hLXNlY3JldC0wMDAwMDAwMA';

/** Makes services started by this process verify tokens with the key set tests sign with. */
export function useTestAuthKeys(): void {
  process.env.OTKLIK_AUTH_KEYS ??= TEST_AUTH_KEYS;
}

/** The key set services of this test process verify with. */
export function testKeys(): KeySet {
  return parseKeySet(process.env.OTKLIK_AUTH_KEYS ?? TEST_AUTH_KEYS);
}

/** A token for a caller, signed with the test key set; `sub` defaults to the role. */
export function testToken(caller: Omit<Caller, 'sub'> & { sub?: string }): string {
  return issueToken({ sub: caller.sub ?? caller.role, ...caller }, testKeys());
}

/** `Authorization` header for a caller, to spread into fetch headers. */
export function authHeader(caller: Omit<Caller, 'sub'> & { sub?: string }): { authorization: string } {
  return { authorization: `Bearer ${testToken(caller)}` };
}
