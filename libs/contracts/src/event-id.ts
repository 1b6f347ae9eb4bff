import { hash } from 'node:crypto';

/**
 * A UUIDv7 derived from a fact's key and time: the timestamp is the fact's, the "random" bits
 * come from a hash of the key. A producer that announces the same fact again (a redelivered
 * input, a republished outbox) therefore gives it the same event id, and consumers that
 * deduplicate on ids see it once.
 *
 * Ids order by time, and facts of one millisecond in hash order unless `rank` (0–4095) is given:
 * it fills the 12 bits after the timestamp (UUIDv7's `rand_a`, a sub-millisecond sequence), so
 * facts of one instant order by rank. Give it where consumers must see the order of one instant
 * (a clock paused and resumed in the same millisecond).
 */
export function derivedEventId(key: string, at: number, rank?: number): string {
  if (rank !== undefined && !(Number.isInteger(rank) && rank >= 0 && rank < 4096)) throw new RangeError(`rank ${rank} is not an integer from 0 to 4095`);
  const bytes = hash('sha256', key, 'buffer').subarray(0, 16);
  bytes.writeUIntBE(Math.max(0, Math.floor(at)) % 2 ** 48, 0, 6);
  if (rank !== undefined) bytes.writeUInt16BE(rank, 6);
  bytes[6] = 0x70 | (bytes[6] & 0x0f);
  bytes[8] = 0x80 | (bytes[8] & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
