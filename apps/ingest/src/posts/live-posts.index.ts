import type { Collection, Connection } from 'mongoose';
import type { AnyBulkWriteOperation } from 'mongodb';
import type { Platform } from '@otklik/contracts';
import type { StoredPost } from './post.model';

/** What the index needs of a post. */
type LivePost = Pick<StoredPost, 'platform' | 'externalId' | 'sourceId' | 'isReply' | 'createdAt' | 'deletedAt' | 'post'>;

/**
 * The platforms whose pollers compare a complete listing with what ingest holds. Posts of the
 * others (the intake, Telegram) are never asked for, and a busy intake source would grow its
 * day's document to every post it sent that day.
 */
export const RECONCILED_PLATFORMS: readonly Platform[] = ['vk', 'ok'];

/** The live posts of one source created on one day, or the live replies of one thread: external id → creation time. */
type LiveDoc = { _id: string; posts?: Record<string, Date> };

const DAY_MS = 86_400_000;
/** A longer window than this (a reconciliation of months) reads the posts themselves. */
const MAX_DAYS = 62;
/** Marks a database whose posts from before the index have been indexed. */
const BACKFILLED = '#backfilled';

/** External ids may hold characters a field name cannot ('.', a leading '$'). */
function fieldOf(externalId: string): string {
  return externalId.replace(/[.$%]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
}

function externalIdOf(field: string): string {
  return field.replace(/%([0-9a-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function sourceDay(sourceId: string, day: number): string {
  return `s|${sourceId}|${day}`;
}

function thread(threadId: string): string {
  return `t|${threadId}`;
}

/**
 * What pollers reconcile a complete listing against — a source's live posts by day, a thread's
 * live replies — in documents keyed by `_id`. Asked of the posts themselves, both would read every
 * post on FerretDB (ADR 0001), once per poll of every community.
 *
 * The store records a post here before writing it, so the index holds every live post and perhaps
 * more (a write that then failed): a poller then asks to delete a post ingest does not hold, which
 * records nothing.
 */
export class LivePostsIndex {
  private readonly live: Collection<LiveDoc>;

  constructor(connection: Connection) {
    this.live = connection.collection<LiveDoc>('live_posts');
  }

  /** Indexes the live posts stored before the index existed (read by `stored` only then), once per database. */
  async init(stored: () => AsyncIterable<LivePost>): Promise<void> {
    if (await this.live.findOne({ _id: BACKFILLED })) return;
    let batch: LivePost[] = [];
    for await (const post of stored()) {
      batch.push(post);
      if (batch.length < 500) continue;
      await this.record(batch);
      batch = [];
    }
    await this.record(batch);
    await this.live.updateOne({ _id: BACKFILLED }, { $set: { posts: {} } }, { upsert: true });
  }

  /** Records the posts as they are about to be written: live ones added, deleted ones taken out. */
  async record(posts: readonly LivePost[]): Promise<void> {
    const writes = posts.flatMap((post): AnyBulkWriteOperation<LiveDoc>[] => {
      if (!RECONCILED_PLATFORMS.includes(post.platform)) return [];
      const key = post.isReply ? (post.post.threadId ? thread(post.post.threadId) : undefined) : sourceDay(post.sourceId, Math.floor(post.createdAt.getTime() / DAY_MS));
      if (!key) return [];
      const field = `posts.${fieldOf(post.externalId)}`;
      if (post.deletedAt) return [{ updateOne: { filter: { _id: key }, update: { $unset: { [field]: '' } } } }];
      return [{ updateOne: { filter: { _id: key }, update: { $set: { [field]: post.createdAt } }, upsert: true } }];
    });
    if (writes.length > 0) await this.live.bulkWrite(writes, { ordered: false });
  }

  /** External ids of a source's live posts (not replies) created in [from, to]; undefined for a window too long to read from here. */
  async livePosts(sourceId: string, from: Date, to: Date): Promise<string[] | undefined> {
    const first = Math.floor(from.getTime() / DAY_MS);
    const last = Math.floor(to.getTime() / DAY_MS);
    if (last - first > MAX_DAYS) return undefined;
    if (last < first) return [];
    const ids = Array.from({ length: last - first + 1 }, (_, i) => sourceDay(sourceId, first + i));
    const docs = await this.live.find({ _id: { $in: ids } }).toArray();
    return docs.flatMap((doc) =>
      Object.entries(doc.posts ?? {})
        .filter(([, createdAt]) => createdAt >= from && createdAt <= to)
        .map(([field]) => externalIdOf(field)),
    );
  }

  /** External ids of the live replies in a thread. */
  async liveReplies(threadId: string): Promise<string[]> {
    const doc = await this.live.findOne({ _id: thread(threadId) });
    return Object.keys(doc?.posts ?? {}).map(externalIdOf);
  }
}
