import type { Platform } from '@otklik/contracts';
import type { RecentPost } from '../dedup/recent-posts.index';
import type { OutboxMessage, OutboxSender } from '@otklik/messaging';
import type { PendingEvents } from '../posts/outbox.model';
import type { StoredPost } from '../posts/post.model';
import type { PostStore, RawPayload, RawPayloadStore } from '../posts/post.store';
import type { CheckpointStore } from '../sources/checkpoint.store';
import type { RunEnd, SourceStatusStore } from '../sources/source-status.store';
import type { SkipNote, SourceCounters, SourceStatus } from '../sources/source.model';

/**
 * PostStore in memory with the database's semantics that matter here: unique (platform, external
 * id), compare-and-set on the revision, copies in and out. For unit specs; integration specs use
 * the Mongo store.
 */
export class MemoryPostStore implements PostStore {
  readonly posts = new Map<string, StoredPost>();
  /** Called before each write; a spec throws from it to simulate a crash at that point. */
  beforeWrite: (operation: 'insert' | 'replace') => void = () => undefined;

  private key(platform: Platform, externalId: string): string {
    return `${platform}\u0000${externalId}`;
  }

  async findByExternalId(platform: Platform, externalId: string): Promise<StoredPost | null> {
    const post = this.posts.get(this.key(platform, externalId));
    return post ? structuredClone(post) : null;
  }

  async findById(postId: string): Promise<StoredPost | null> {
    for (const post of this.posts.values()) if (post.postId === postId) return structuredClone(post);
    return null;
  }

  async insert(post: StoredPost): Promise<boolean> {
    this.beforeWrite('insert');
    const key = this.key(post.platform, post.externalId);
    if (this.posts.has(key)) return false;
    this.posts.set(key, structuredClone(post));
    return true;
  }

  async insertMany(posts: StoredPost[]): Promise<boolean[]> {
    const inserted: boolean[] = [];
    for (const post of posts) inserted.push(await this.insert(post));
    return inserted;
  }

  async replace(post: StoredPost, expectedRevision: number): Promise<boolean> {
    this.beforeWrite('replace');
    const key = this.key(post.platform, post.externalId);
    const current = this.posts.get(key);
    if (!current || current.revision !== expectedRevision) return false;
    this.posts.set(key, structuredClone(post));
    return true;
  }

  async pending(limit: number): Promise<PendingEvents[]> {
    return [...this.posts.values()]
      .filter((post) => post.pendingEvents.length > 0)
      .sort((a, b) => a.pendingEvents[0].createdAt.getTime() - b.pendingEvents[0].createdAt.getTime())
      .slice(0, limit)
      .map((post) => ({ holder: post.postId, version: post.revision, events: structuredClone(post.pendingEvents) }));
  }

  async markPublished(published: PendingEvents[]): Promise<void> {
    for (const { holder: postId, events } of published) {
      const ids = new Set(events.map((e) => e.id));
      for (const post of this.posts.values()) {
        if (post.postId === postId) post.pendingEvents = post.pendingEvents.filter((e) => !ids.has(e.id));
      }
    }
  }

  async livePosts(sourceId: string, from: Date, to: Date): Promise<string[]> {
    return [...this.posts.values()].filter((p) => p.sourceId === sourceId && !p.deletedAt && !p.isReply && p.createdAt >= from && p.createdAt <= to).map((p) => p.externalId);
  }

  async liveReplies(threadId: string): Promise<string[]> {
    return [...this.posts.values()].filter((p) => !p.deletedAt && p.post.threadId === threadId).map((p) => p.externalId);
  }

  async recentPosts(since: Date): Promise<RecentPost[]> {
    return [...this.posts.values()]
      .filter((p) => p.createdAt >= since)
      .map((p) => ({
        postId: p.postId,
        authorPseudonym: p.authorPseudonym,
        createdAt: p.createdAt,
        candidate: p.emitted && p.signature && !p.deletedAt ? { signature: p.signature, bands: p.signatureBands, geo: p.post.geo, duplicateOf: p.duplicateOf } : undefined,
      }));
  }
}

/** RawPayloadStore in memory. */
export class MemoryRawPayloadStore implements RawPayloadStore {
  readonly payloads = new Map<string, RawPayload>();

  async save(entry: RawPayload): Promise<void> {
    if (!this.payloads.has(entry.id)) this.payloads.set(entry.id, { ...entry });
  }

  async purgeReceivedBefore(cutoff: Date): Promise<number> {
    let removed = 0;
    for (const [id, entry] of this.payloads) {
      if (entry.receivedAt < cutoff) {
        this.payloads.delete(id);
        removed += 1;
      }
    }
    return removed;
  }
}

/** A publisher that keeps what it was given and can be told to fail. */
export class RecordingPublisher implements OutboxSender {
  readonly published: OutboxMessage[] = [];
  failNext = false;

  async publish(events: OutboxMessage[]): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('broker unavailable');
    }
    this.published.push(...structuredClone(events));
  }
}

/** CheckpointStore in memory; `saves` records every save for crash specs. */
export class MemoryCheckpointStore implements CheckpointStore {
  readonly values = new Map<string, object>();
  readonly saves: { key: string; value: object }[] = [];

  async load(key: string): Promise<object | undefined> {
    const value = this.values.get(key);
    return value ? structuredClone(value) : undefined;
  }

  async save(key: string, value: object): Promise<void> {
    this.saves.push({ key, value: structuredClone(value) });
    this.values.set(key, structuredClone(value));
  }
}

/** SourceStatusStore in memory. */
export class MemorySourceStatusStore implements SourceStatusStore {
  readonly statuses = new Map<string, SourceStatus>();

  private entry(sourceId: string): SourceStatus {
    const status = this.statuses.get(sourceId) ?? {
      sourceId,
      state: 'idle',
      skipped: [],
      counters: { received: 0, edited: 0, deleted: 0, filtered: 0, duplicates: 0 },
    };
    this.statuses.set(sourceId, status);
    return status;
  }

  async get(sourceId: string): Promise<SourceStatus | null> {
    const status = this.statuses.get(sourceId);
    return status ? structuredClone(status) : null;
  }

  async list(): Promise<SourceStatus[]> {
    return [...this.statuses.values()].map((s) => structuredClone(s));
  }

  async runFinished(sourceIds: string[], end: RunEnd): Promise<void> {
    for (const id of sourceIds) {
      const status = this.entry(id);
      status.state = end.state;
      status.lastRunAt = end.at;
      if (end.state === 'ok') status.lastSuccessAt = end.at;
      if (end.error) {
        status.lastErrorAt = end.at;
        status.lastError = end.error;
      }
      if (end.newestPostAt && (!status.newestPostAt || end.newestPostAt > status.newestPostAt)) status.newestPostAt = end.newestPostAt;
    }
  }

  async addSkipped(sourceId: string, notes: SkipNote[], at: Date): Promise<void> {
    const status = this.entry(sourceId);
    status.skipped = [...status.skipped, ...notes.map((n) => ({ ...n, at }))].slice(-20);
  }

  async increment(sourceId: string, counters: Partial<SourceCounters>): Promise<void> {
    const status = this.entry(sourceId);
    for (const [name, value] of Object.entries(counters) as [keyof SourceCounters, number][]) status.counters[name] += value;
  }
}
