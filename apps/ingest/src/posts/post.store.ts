import type { Platform } from '@otklik/contracts';
import type { OutboxStore } from '@otklik/messaging';
import type { RecentPost } from '../dedup/recent-posts.index';
import type { PendingEvents } from './outbox.model';
import type { StoredPost } from './post.model';

/** Posts ingest already holds, asked by pollers that reconcile a complete listing. */
export interface KnownPosts {
  /** External ids of live posts (not replies) of a source created in [from, to]. */
  livePosts(sourceId: string, from: Date, to: Date): Promise<string[]>;
  /** External ids of live replies in a thread (the external id of the thread's root post). */
  liveReplies(threadId: string): Promise<string[]>;
}

/** Where posts are kept: one document per (platform, external id), its unpublished events inside (the relay's store). */
export interface PostStore extends KnownPosts, OutboxStore<PendingEvents> {
  findByExternalId(platform: Platform, externalId: string): Promise<StoredPost | null>;
  findById(postId: string): Promise<StoredPost | null>;
  /** Inserts a new post; false when (platform, external id) is already there. */
  insert(post: StoredPost): Promise<boolean>;
  /** Inserts new posts in one unordered write; per post, false when it is already there. */
  insertMany(posts: StoredPost[]): Promise<boolean[]>;
  /** Replaces a post if it is still at `expectedRevision`; false when someone changed it first. */
  replace(post: StoredPost, expectedRevision: number): Promise<boolean>;
  /** Posts created since `since`, as the in-memory recent index keeps them (loaded at start). */
  recentPosts(since: Date): Promise<RecentPost[]>;
  /** External ids of live posts (not replies) of a source created in [from, to]. */
  livePosts(sourceId: string, from: Date, to: Date): Promise<string[]>;
  /** External ids of live replies in a thread (the external id of the thread's root post). */
  liveReplies(threadId: string): Promise<string[]>;
}

/** One raw payload as received, kept for the retention period then purged. */
export interface RawPayload {
  /** `<postId>:<revision>`: one per version of a post. */
  id: string;
  postId: string;
  platform: Platform;
  receivedAt: Date;
  /** JSON text: platform keys may hold `.` or `$`, which the database refuses as field names. */
  payload: string;
}

/** Raw payloads with retention by a purge job (FerretDB has no TTL indexes). */
export interface RawPayloadStore {
  /** Saves a payload; saving the same id again keeps the first. */
  save(entry: RawPayload): Promise<void>;
  /** Deletes payloads received before `cutoff`; returns how many. */
  purgeReceivedBefore(cutoff: Date): Promise<number>;
}
