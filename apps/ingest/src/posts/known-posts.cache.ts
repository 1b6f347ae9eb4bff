import type { StoredPost } from './post.model';

/** What the cache keeps of a post: enough to tell that an observation changes nothing. */
interface KnownState {
  postId: string;
  revision: number;
  contentHash: string;
  deleted: boolean;
}

/**
 * The last known state of recently seen posts, so that re-polling an unchanged post costs no
 * database round trip and a post never seen here is inserted straight away (a duplicate-key answer
 * sends it down the slow path). Least recently used entries are dropped beyond `capacity`. It is
 * filled only from writes that won and from reads, in this process, which is the only writer.
 */
export class KnownPostsCache {
  private readonly entries = new Map<string, KnownState>();

  constructor(private readonly capacity = 100_000) {}

  private static key(platform: string, externalId: string): string {
    return `${platform}\u0000${externalId}`;
  }

  get(platform: string, externalId: string): KnownState | undefined {
    const key = KnownPostsCache.key(platform, externalId);
    const state = this.entries.get(key);
    if (state) {
      this.entries.delete(key);
      this.entries.set(key, state);
    }
    return state;
  }

  remember(post: Pick<StoredPost, 'postId' | 'platform' | 'externalId' | 'revision' | 'contentHash' | 'deletedAt'>): void {
    const key = KnownPostsCache.key(post.platform, post.externalId);
    this.entries.delete(key);
    this.entries.set(key, { postId: post.postId, revision: post.revision, contentHash: post.contentHash, deleted: post.deletedAt !== undefined });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value ?? '');
  }
}
