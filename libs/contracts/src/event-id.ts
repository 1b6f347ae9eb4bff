import { hash } from 'node:crypto';

/**
 * A UUIDv7 derived from a fact's key and time: the timestamp is the fact's, the "random" bits
 * come from a hash of the key. A producer that announces the same fact again (a redelivered
 * input, a republished outbox) therefore gives it the same event id, and consumers that
 * deduplicate on ids see it once.
 */
export function derivedEventId(key: string, at: number): string {
  const bytes = hash('sha256', key, 'buffer').subarray(0, 16);
  bytes.writeUIntBE(Math.max(0, Math.floor(at)) % 2 ** 48, 0, 6);
  bytes[6] = 0x70 | (bytes[6] & 0x0f);
  bytes[8] = 0x80 | (bytes[8] & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
