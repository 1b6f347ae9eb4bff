import { createHash } from 'node:crypto';
import type { Platform } from '@otklik/contracts';

const MAX_48_BITS = 2 ** 48 - 1;

/**
 * A UUIDv7 whose every bit is derived from its inputs: the time part from `millis`, the rest from a
 * SHA-256 of `parts`. Recomputing it after a crash gives the same id, so a second write of the same
 * event is refused by the unique id and consumers that deduplicate on ids see it once.
 */
export function deterministicUuidV7(millis: number, ...parts: string[]): string {
  const digest = createHash('sha256').update(parts.join('\u0000')).digest();
  const bytes = Buffer.alloc(16);
  bytes.writeUIntBE(Math.min(Math.max(Math.trunc(millis), 0), MAX_48_BITS), 0, 6);
  digest.copy(bytes, 6, 0, 10);
  bytes[6] = 0x70 | (bytes[6] & 0x0f);
  bytes[8] = 0x80 | (bytes[8] & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Otklik's id of a post: stable across edits and equal for every racer that records it. */
export function postIdFor(platform: Platform, externalId: string, createdAt: Date): string {
  return deterministicUuidV7(createdAt.getTime(), 'post', platform, externalId);
}

/** Kinds of post event; the event id is a function of the post, the kind and the revision. */
export type PostEventKind = 'received' | 'edited' | 'deleted';

/**
 * Id of the event announcing `kind` at `revision` of a post. The time part is the post's creation
 * time, never the time of observation, so a retry after a crash computes the very same id.
 */
export function postEventId(kind: PostEventKind, platform: Platform, externalId: string, revision: number, postCreatedAt: Date): string {
  return deterministicUuidV7(postCreatedAt.getTime(), 'post-event', kind, platform, externalId, String(revision));
}
