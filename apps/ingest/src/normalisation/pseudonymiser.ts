import { createHmac } from 'node:crypto';

/** Shortest key accepted: an HMAC key shorter than its output invites guessing. */
export const MIN_PSEUDONYM_KEY_BYTES = 32;

/**
 * Turns a platform's user id into a stable pseudonym with a keyed HMAC: the same author gets the
 * same pseudonym across posts, and nobody without the key can go back to the platform id (a plain
 * hash of a numeric VK id would be reversed by enumerating ids).
 */
export class Pseudonymiser {
  private readonly key: Buffer;

  constructor(key: string | Buffer) {
    this.key = typeof key === 'string' ? Buffer.from(key, 'utf8') : key;
    if (this.key.length < MIN_PSEUDONYM_KEY_BYTES) {
      throw new Error(`pseudonym key: must be at least ${MIN_PSEUDONYM_KEY_BYTES} bytes`);
    }
  }

  /** Pseudonym of `platformId` on `platform`: 32 hex digits (128 bits of the HMAC-SHA256). */
  pseudonym(platform: string, platformId: string): string {
    return createHmac('sha256', this.key).update(`${platform}:${platformId}`).digest('hex').slice(0, 32);
  }
}
