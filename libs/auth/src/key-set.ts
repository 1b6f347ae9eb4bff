/** One HMAC key of the key set. */
export interface SigningKey {
  kid: string;
  secret: Buffer;
}

/** Keys that verify tokens; the first one signs new ones. */
export interface KeySet {
  signing: SigningKey;
  byKid: ReadonlyMap<string, SigningKey>;
}

/** A key set that cannot be used; the message says what is wrong without showing any secret. */
export class KeySetError extends Error {
  override name = 'KeySetError';
}

const KID = /^[A-Za-z0-9._-]{1,64}$/;
/** HS256 keys shorter than the hash add no strength and are easy to guess. */
export const MIN_SECRET_BYTES = 32;

/**
 * Parses `kid:secret[,kid:secret…]`, the format of OTKLIK_AUTH_KEYS. Secrets are base64 or
 * base64url of at least 32 bytes. The first key signs; every key verifies, so a new key is put
 * first, and the old one is removed once the tokens it signed have expired.
 */
export function parseKeySet(text: string): KeySet {
  const keys: SigningKey[] = [];
  for (const [index, entry] of text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .entries()) {
    const colon = entry.indexOf(':');
    const kid = colon > 0 ? entry.slice(0, colon) : '';
    if (!KID.test(kid)) throw new KeySetError(`key ${index + 1}: must be kid:secret with a kid of letters, digits, . _ -`);
    const secret = Buffer.from(entry.slice(colon + 1), 'base64');
    if (secret.length < MIN_SECRET_BYTES) throw new KeySetError(`key ${kid}: the secret must be base64 of at least ${MIN_SECRET_BYTES} bytes`);
    if (keys.some((key) => key.kid === kid)) throw new KeySetError(`key ${kid}: kid appears twice`);
    keys.push({ kid, secret });
  }
  const [signing] = keys;
  if (!signing) throw new KeySetError('no key: give at least one kid:secret');
  return { signing, byKid: new Map(keys.map((key) => [key.kid, key])) };
}

/** A key-set string with one fresh random key, e.g. for a local installation. */
export function generateKeySetText(kid: string, random: (size: number) => Buffer): string {
  return `${kid}:${random(MIN_SECRET_BYTES).toString('base64url')}`;
}
