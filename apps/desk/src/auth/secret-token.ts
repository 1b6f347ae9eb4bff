import { createHash, randomBytes } from 'node:crypto';

/**
 * A bearer secret and what is stored of it. Only the SHA-256 is kept: the secret has 256 random
 * bits, so a fast hash is enough and a stolen database yields no usable token.
 */
export interface SecretToken {
  secret: string;
  hash: string;
}

/** A new random secret with an optional readable prefix (API tokens start with `otk_`). */
export function newSecretToken(prefix = ''): SecretToken {
  const secret = `${prefix}${randomBytes(32).toString('base64url')}`;
  return { secret, hash: hashSecret(secret) };
}

/** The stored form of a presented secret. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
