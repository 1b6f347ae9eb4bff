import { randomBytes } from 'node:crypto';
import { generateKeySetText, parseKeySet } from './key-set';
import { issueToken, TokenError, verifyToken } from './token';

const keys = parseKeySet(generateKeySetText('k1', randomBytes));
const now = new Date('2026-12-01T10:00:00Z');

describe('tokens', () => {
  it('verifies a token it issued and answers the caller it names', () => {
    const token = issueToken({ sub: 'u1', role: 'agency', agencyId: 'gkh', name: 'ivanova' }, keys, { now });
    expect(verifyToken(token, keys, now)).toEqual({ sub: 'u1', role: 'agency', agencyId: 'gkh', name: 'ivanova' });
  });

  it('accepts a token of an older key still in the set and refuses one of a removed key', () => {
    const old = parseKeySet(generateKeySetText('old', randomBytes));
    const token = issueToken({ sub: 'svc', role: 'service' }, old, { now });
    const rotated = parseKeySet(`${generateKeySetText('new', randomBytes)},old:${old.signing.secret.toString('base64')}`);
    expect(verifyToken(token, rotated, now).sub).toBe('svc');
    expect(() => verifyToken(token, keys, now)).toThrow('unknown key');
  });

  it('refuses a token whose claims were changed after signing', () => {
    const [header, , signature] = issueToken({ sub: 'u1', role: 'agency', agencyId: 'gkh' }, keys, { now }).split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'u1', role: 'admin', iss: 'otklik', iat: 0, exp: 9e9 })).toString('base64url');
    expect(() => verifyToken(`${header}.${forged}.${signature}`, keys, now)).toThrow('bad token signature');
  });

  it('refuses alg none, expired tokens and garbage with a TokenError', () => {
    const none = `${Buffer.from('{"alg":"none","kid":"k1"}').toString('base64url')}.${Buffer.from('{"sub":"a","role":"admin"}').toString('base64url')}.`;
    expect(() => verifyToken(none, keys, now)).toThrow('unsupported token algorithm');
    const token = issueToken({ sub: 'u1', role: 'operator' }, keys, { now, ttlSeconds: 60 });
    expect(() => verifyToken(token, keys, new Date(now.getTime() + 120_000))).toThrow('token expired');
    for (const bad of ['', 'a.b', 'a.b.c', '..']) expect(() => verifyToken(bad, keys, now)).toThrow(TokenError);
  });

  it('refuses an agency token without an agency', () => {
    const token = issueToken({ sub: 'u1', role: 'agency' }, keys, { now });
    expect(() => verifyToken(token, keys, now)).toThrow('names no agency');
  });
});

describe('key sets', () => {
  it('signs with the first key and names a bad entry without its secret', () => {
    expect(parseKeySet(`a:${'A'.repeat(44)},b:${'B'.repeat(44)}`).signing.kid).toBe('a');
    expect(() => parseKeySet('a:c2hvcnQ=')).toThrow('key a: the secret must be base64 of at least 32 bytes');
    expect(() => parseKeySet('nokid')).toThrow('key 1: must be kid:secret');
    expect(() => parseKeySet(' ')).toThrow('no key');
    try {
      parseKeySet('a:c2hvcnRzZWNyZXQ=');
    } catch (error) {
      expect((error as Error).message).not.toContain('c2hvcnRzZWNyZXQ');
    }
  });
});
