import { createHmac, timingSafeEqual } from 'node:crypto';
import { KeySet } from './key-set';
import { Caller, isRole } from './roles';

/** Who issues tokens; services accept no other issuer. */
export const TOKEN_ISSUER = 'otklik';
/** Lifetime of a token unless the issuer says otherwise. */
export const DEFAULT_TOKEN_TTL_SECONDS = 15 * 60;
/** Clock difference between machines that a token's times tolerate. */
const LEEWAY_SECONDS = 30;

/** What a token claims: the caller, plus issuer and validity times (JWT names). */
export interface TokenClaims extends Caller {
  iss: string;
  iat: number;
  exp: number;
}

/** Why a token was refused; never carries the token itself. */
export class TokenError extends Error {
  override name = 'TokenError';
}

/** Options of `issueToken`. */
export interface IssueOptions {
  ttlSeconds?: number;
  now?: Date;
}

const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

function sign(input: string, secret: Buffer): Buffer {
  return createHmac('sha256', secret).update(input).digest();
}

/**
 * Mints a token for a caller: a JWT (RFC 7519) signed with HS256 by the key set's first key, its
 * kid in the header. Desk issues them for its users and for its own calls; tests and tools too.
 */
export function issueToken(caller: Caller, keys: KeySet, options: IssueOptions = {}): string {
  const iat = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const claims: TokenClaims = {
    sub: caller.sub,
    role: caller.role,
    ...(caller.agencyId ? { agencyId: caller.agencyId } : {}),
    ...(caller.name ? { name: caller.name } : {}),
    iss: TOKEN_ISSUER,
    iat,
    exp: iat + (options.ttlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS),
  };
  const input = `${encode({ alg: 'HS256', typ: 'JWT', kid: keys.signing.kid })}.${encode(claims)}`;
  return `${input}.${sign(input, keys.signing.secret).toString('base64url')}`;
}

function decodePart(part: string, what: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // falls through to the refusal below
  }
  throw new TokenError(`malformed token ${what}`);
}

/**
 * Checks a token's signature against the key named by its kid, its issuer, its validity times
 * and its role; answers the caller it names. Only HS256 is accepted (no `alg: none`).
 */
export function verifyToken(token: string, keys: KeySet, now: Date = new Date()): Caller {
  const parts = token.split('.');
  if (parts.length !== 3) throw new TokenError('malformed token');
  const [headerPart, claimsPart, signaturePart] = parts as [string, string, string];
  const header = decodePart(headerPart, 'header');
  if (header.alg !== 'HS256') throw new TokenError('unsupported token algorithm');
  const key = typeof header.kid === 'string' ? keys.byKid.get(header.kid) : undefined;
  if (!key) throw new TokenError('token signed with an unknown key');
  const expected = sign(`${headerPart}.${claimsPart}`, key.secret);
  const given = Buffer.from(signaturePart, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new TokenError('bad token signature');
  const claims = decodePart(claimsPart, 'claims');
  const seconds = now.getTime() / 1000;
  if (claims.iss !== TOKEN_ISSUER) throw new TokenError('token from another issuer');
  if (typeof claims.exp !== 'number' || claims.exp + LEEWAY_SECONDS < seconds) throw new TokenError('token expired');
  if (typeof claims.iat === 'number' && claims.iat - LEEWAY_SECONDS > seconds) throw new TokenError('token issued in the future');
  if (typeof claims.sub !== 'string' || claims.sub === '') throw new TokenError('token names no subject');
  if (!isRole(claims.role)) throw new TokenError('token names no known role');
  if (claims.role === 'agency' && (typeof claims.agencyId !== 'string' || claims.agencyId === '')) throw new TokenError('agency token names no agency');
  return {
    sub: claims.sub,
    role: claims.role,
    ...(typeof claims.agencyId === 'string' && claims.agencyId ? { agencyId: claims.agencyId } : {}),
    ...(typeof claims.name === 'string' ? { name: claims.name } : {}),
  };
}
