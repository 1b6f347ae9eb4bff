import type { Collection, Connection } from 'mongoose';
import { PendingMarks } from '@otklik/messaging';
import type { Platform } from '@otklik/contracts';
import type { RecentPost } from '../dedup/recent-posts.index';
import { LivePostsIndex, RECONCILED_PLATFORMS } from './live-posts.index';
import type { PendingEvents } from './outbox.model';
import type { StoredPost } from './post.model';
import type { PostStore, RawPayload, RawPayloadStore } from './post.store';

/** A post document: the StoredPost with its id as `_id`, plus fields kept for indexes. */
type PostDocument = Omit<StoredPost, 'postId'> & {
  _id: string;
  /** Thread of a reply (copied from the payload so that it can be indexed). */
  threadId?: string;
  /** Creation time of the oldest unpublished event; null when none wait (the relay's index). */
  pendingSince: Date | null;
};

const WRITE = { ignoreUndefined: true } as const;
/** One failed document of an unordered insertMany. */
type WriteError = { index: number; code?: number };
const DUPLICATE_KEY = 11000;
/** A mark this old whose writer has not handed its events over is the sweep's to look at. */
const MARK_SETTLE_MS = 5_000;

function toDocument(post: StoredPost): PostDocument {
  const { postId, ...rest } = post;
  return { ...rest, _id: postId, threadId: post.post.threadId, pendingSince: post.pendingEvents[0]?.createdAt ?? null };
}

function fromDocument(doc: PostDocument): StoredPost {
  const { _id, threadId: _thread, pendingSince: _pending, ...rest } = doc;
  // Optional fields may come back as null from a database that stored them before ignoreUndefined.
  return {
    ...rest,
    postId: _id,
    deletedAt: rest.deletedAt ?? undefined,
    duplicateOf: rest.duplicateOf ?? undefined,
    receivedEventId: rest.receivedEventId ?? undefined,
    signature: rest.signature ?? undefined,
    release: rest.release ?? undefined,
  };
}

/** Posts in MongoDB/FerretDB: unique (platform, externalId), compare-and-set on `revision`. */
export class MongoPostStore implements PostStore {
  private readonly posts: Collection<PostDocument>;
  /** Posts whose outbox may hold events: what the relay's sweep reads. */
  private readonly marks: PendingMarks;
  /** Set once the first sweep of this process has read every post (what a crash before the marks existed left). */
  private scannedAll = false;
  /** The live posts by source and day and the live replies by thread, for pollers' reconciliation. */
  private readonly live: LivePostsIndex;

  constructor(
    connection: Connection,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.posts = connection.collection<PostDocument>('posts');
    this.marks = new PendingMarks(connection, 'post_outbox_marks', now);
    this.live = new LivePostsIndex(connection);
  }

  /** Marks the posts about to be written with events (before the write: no stored event is without its mark). */
  private markPending(posts: readonly StoredPost[]): Promise<void> {
    return this.marks.mark(posts.filter((p) => p.pendingEvents.length > 0).map((p) => ({ holder: p.postId, version: p.revision })));
  }

  /** Creates the indexes every query here relies on (no TTL, partial or text indexes: FerretDB). */
  async init(): Promise<void> {
    await this.posts.createIndex({ platform: 1, externalId: 1 }, { unique: true, name: 'platform_externalId' });
    await this.posts.createIndex({ pendingSince: 1 }, { name: 'pendingSince' });
    await this.posts.createIndex({ sourceId: 1, createdAt: 1 }, { name: 'source_createdAt' });
    await this.posts.createIndex({ threadId: 1 }, { name: 'threadId' });
    await this.posts.createIndex({ updatedAt: 1 }, { name: 'updatedAt' });
    await this.live.init(() =>
      this.posts.find({ platform: { $in: [...RECONCILED_PLATFORMS] }, deletedAt: { $exists: false } }, { projection: { platform: 1, externalId: 1, sourceId: 1, isReply: 1, createdAt: 1, post: 1 } }),
    );
  }

  async findByExternalId(platform: Platform, externalId: string): Promise<StoredPost | null> {
    const doc = await this.posts.findOne({ platform, externalId });
    return doc ? fromDocument(doc) : null;
  }

  async findById(postId: string): Promise<StoredPost | null> {
    const doc = await this.posts.findOne({ _id: postId });
    return doc ? fromDocument(doc) : null;
  }

  async insert(post: StoredPost): Promise<boolean> {
    await this.markPending([post]);
    await this.live.record([post]);
    try {
      await this.posts.insertOne(toDocument(post), WRITE);
      return true;
    } catch (error) {
      if ((error as { code?: number }).code === DUPLICATE_KEY) return false;
      throw error;
    }
  }

  async insertMany(posts: StoredPost[]): Promise<boolean[]> {
    const inserted = posts.map(() => true);
    if (posts.length === 0) return inserted;
    await this.markPending(posts);
    await this.live.record(posts);
    try {
      await this.posts.insertMany(posts.map(toDocument), { ...WRITE, ordered: false });
    } catch (error) {
      const found = (error as { writeErrors?: WriteError | WriteError[] }).writeErrors;
      const writeErrors = found === undefined ? undefined : Array.isArray(found) ? found : [found];
      if (!writeErrors || writeErrors.some((e) => e.code !== DUPLICATE_KEY)) throw error;
      for (const e of writeErrors) inserted[e.index] = false;
    }
    return inserted;
  }

  async replace(post: StoredPost, expectedRevision: number): Promise<boolean> {
    await this.markPending([post]);
    await this.live.record([post]);
    const result = await this.posts.replaceOne({ _id: post.postId, revision: expectedRevision }, toDocument(post), WRITE);
    return result.matchedCount === 1;
  }

  /**
   * Posts with events to publish: the first time in a process, from every post (a database from
   * before the marks, or a crash); afterwards from the marked posts only, marked 5 s ago or more
   * (a writer hands its own events over to the relay).
   */
  async pending(limit: number): Promise<PendingEvents[]> {
    if (!this.scannedAll) {
      const docs = await this.posts
        .find({ pendingSince: { $ne: null } }, { projection: { revision: 1, pendingEvents: 1 } })
        .sort({ pendingSince: 1 })
        .limit(limit)
        .toArray();
      if (docs.length < limit) this.scannedAll = true;
      return docs.map((doc) => ({ holder: doc._id, version: doc.revision, events: doc.pendingEvents }));
    }
    const docs = await this.marks.sweep(
      limit,
      new Date(this.now().getTime() - MARK_SETTLE_MS),
      (ids) => this.posts.find({ _id: { $in: ids } }, { projection: { revision: 1, pendingEvents: 1 } }).toArray(),
      (doc) => ({ holder: doc._id, version: doc.revision, pending: doc.pendingEvents.length > 0 }),
    );
    return docs.map((doc) => ({ holder: doc._id, version: doc.revision, events: doc.pendingEvents }));
  }

  /**
   * One round trip for the whole batch: a compare-and-set on the revision per post, sent as one
   * unordered bulk write. (One `updateMany` with `$in` reads the table once instead of once per
   * post, but FerretDB then holds that read open while it writes each post in a transaction of its
   * own; under load, with its connection pool full, it stalled there.) Posts changed since (an
   * edit added events) are then handled one by one.
   */
  async markPublished(published: PendingEvents[]): Promise<void> {
    if (published.length === 0) return;
    const result = await this.posts.bulkWrite(
      published.map((item) => ({
        updateOne: { filter: { _id: item.holder, revision: item.version }, update: { $set: { pendingEvents: [], pendingSince: null } } },
      })),
      { ordered: false },
    );
    // A post changed since (matched no revision) keeps its mark; it is cleared below or by a sweep.
    await this.marks.clear(published.map((item) => ({ holder: item.holder, version: item.version })));
    if (result.matchedCount === published.length) return;
    const ids = published.map((item) => item.holder);
    const pending = new Set((await this.posts.find({ _id: { $in: ids }, pendingSince: { $ne: null } }, { projection: { _id: 1 } }).toArray()).map((d) => d._id));
    for (const item of published) if (pending.has(item.holder)) await this.removePublished(item);
  }

  /** Compare-and-set on the revision: a change recorded meanwhile may have added events. */
  private async removePublished(item: PendingEvents): Promise<void> {
    const ids = new Set(item.events.map((e) => e.id));
    for (;;) {
      const current = await this.posts.findOne({ _id: item.holder }, { projection: { revision: 1, pendingEvents: 1 } });
      if (!current) return;
      const remaining = current.pendingEvents.filter((e) => !ids.has(e.id));
      if (remaining.length === current.pendingEvents.length) return;
      const result = await this.posts.updateOne({ _id: item.holder, revision: current.revision }, { $set: { pendingEvents: remaining, pendingSince: remaining[0]?.createdAt ?? null } });
      if (result.matchedCount === 1 && remaining.length === 0) await this.marks.clear([{ holder: item.holder, version: current.revision }]);
      if (result.matchedCount === 1) return;
    }
  }

  async livePosts(sourceId: string, from: Date, to: Date): Promise<string[]> {
    const indexed = await this.live.livePosts(sourceId, from, to);
    if (indexed) return indexed;
    const docs = await this.posts.find({ sourceId, isReply: false, deletedAt: { $exists: false }, createdAt: { $gte: from, $lte: to } }, { projection: { externalId: 1 } }).toArray();
    return docs.map((d) => d.externalId);
  }

  liveReplies(threadId: string): Promise<string[]> {
    return this.live.liveReplies(threadId);
  }

  async recentPosts(since: Date): Promise<RecentPost[]> {
    const docs = await this.posts
      .find(
        { createdAt: { $gte: since } },
        {
          projection: { authorPseudonym: 1, createdAt: 1, emitted: 1, signature: 1, signatureBands: 1, duplicateOf: 1, deletedAt: 1, 'post.geo': 1 },
        },
      )
      .toArray();
    return docs.map((d) => ({
      postId: d._id,
      authorPseudonym: d.authorPseudonym,
      createdAt: d.createdAt,
      candidate: d.emitted && d.signature && !d.deletedAt ? { signature: d.signature, bands: d.signatureBands, geo: d.post?.geo ?? undefined, duplicateOf: d.duplicateOf ?? undefined } : undefined,
    }));
  }

  /**
   * Erases the personal data of up to `limit` posts last changed before `cutoff` whose events are
   * all published: text, author (name and pseudonym), link, media, place and the text's signature
   * go; what exactly-once and deletion tracking need stays (ids, revision, content hash, dates).
   * Each post is a compare-and-set on its revision, which the erasure moves on, so that a recorder
   * that read the post before cannot write the old data back: its retry reads the erased post.
   * Returns how many were erased (fewer than `limit` once none are left).
   */
  async eraseUpdatedBefore(cutoff: Date, now: Date, limit: number): Promise<number> {
    const due = await this.posts
      .find({ updatedAt: { $lt: cutoff }, pendingSince: null, erasedAt: { $exists: false } }, { projection: { revision: 1 } })
      .limit(limit)
      .toArray();
    if (due.length === 0) return 0;
    const result = await this.posts.bulkWrite(
      due.map((doc) => ({
        updateOne: {
          filter: { _id: doc._id, revision: doc.revision, pendingSince: null, updatedAt: { $lt: cutoff } },
          update: {
            $set: { erasedAt: now, authorPseudonym: '', signatureBands: [], 'post.text': '', 'post.author.pseudonym': '', 'post.attachments': [] },
            $unset: { signature: '', 'post.author.displayName': '', 'post.url': '', 'post.geo': '' },
            $inc: { revision: 1 },
          },
        },
      })),
      { ordered: false },
    );
    return result.modifiedCount;
  }

  /** Held-back posts, newest first, for the operators' review. */
  async listFiltered(sourceId: string | undefined, limit: number): Promise<StoredPost[]> {
    const filter = { emitted: false, 'filterReasons.0': { $exists: true }, ...(sourceId ? { sourceId } : {}) };
    const docs = await this.posts.find(filter).sort({ createdAt: -1 }).limit(limit).toArray();
    return docs.map(fromDocument);
  }
}

type RawDocument = Omit<RawPayload, 'id'> & { _id: string };

/** Raw payloads in MongoDB/FerretDB, purged by date by a job (no TTL index on FerretDB). */
export class MongoRawPayloadStore implements RawPayloadStore {
  private readonly raw: Collection<RawDocument>;

  constructor(connection: Connection) {
    this.raw = connection.collection<RawDocument>('raw_payloads');
  }

  async init(): Promise<void> {
    await this.raw.createIndex({ receivedAt: 1 }, { name: 'receivedAt' });
  }

  async save(entry: RawPayload): Promise<void> {
    const { id, ...rest } = entry;
    try {
      await this.raw.insertOne({ _id: id, ...rest }, WRITE);
    } catch (error) {
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
    }
  }

  /** Saves many payloads in one unordered write; ids already there are kept as they were. */
  async saveMany(entries: RawPayload[]): Promise<void> {
    try {
      await this.raw.insertMany(
        entries.map(({ id, ...rest }) => ({ _id: id, ...rest })),
        { ...WRITE, ordered: false },
      );
    } catch (error) {
      const writeErrors = (error as { writeErrors?: { code?: number }[] }).writeErrors;
      if (!writeErrors || writeErrors.some((e) => e.code !== DUPLICATE_KEY)) throw error;
    }
  }

  async purgeReceivedBefore(cutoff: Date): Promise<number> {
    return (await this.raw.deleteMany({ receivedAt: { $lt: cutoff } })).deletedCount;
  }
}
