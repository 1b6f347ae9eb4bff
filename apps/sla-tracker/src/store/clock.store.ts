import { mongo } from 'mongoose';
import { ClockEvent, ClockState } from '../clock/clock.types';
import { CLOCK_COLLECTION_PREFIX, CLOCK_INDEXES, CLOCK_MARKS, ClockDocument, ClockMarkDocument, currentClock, dayOf } from './clock.schema';

/** A transition to write: computed from revision `rev` of the clock (0 = the clock is new). */
export interface Commit {
  id: string;
  rev: number;
  state: ClockState;
  events: ClockEvent[];
}

const DUPLICATE_KEY = 11000;
/**
 * Collections read at once when scanning all of them. FerretDB ties a backend connection to each
 * open cursor; hundreds at once starve it, so scans go a few collections at a time and read each
 * answer in one batch.
 */
const SCAN_CONCURRENCY = 4;
/** A claim this old whose clock was not updated belongs to a writer that died. */
const STALE_CLAIM_MS = 30_000;

/** The atomic step of a write (see `commitOne`); kept beside the clocks and purged by day. */
interface ClaimDocument {
  _id: string;
  claimOf: string;
  claimedDay: number;
  claimedAt: number;
  fields: Omit<ClockDocument, '_id' | 'outbox' | 'outboxPending'>;
  events: ClockEvent[];
}
const SCAN_BATCH = 100_000;

async function forEachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]);
  });
  await Promise.all(workers);
}

/** FNV-1a: a stable, quick spread of incident ids over the collections. */
function hash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Clock collections of a new database when SLA_CLOCK_COLLECTIONS does not say (about 16,000 clocks on FerretDB). */
export const DEFAULT_CLOCK_COLLECTIONS = 16;

/** The layout a database was set up with, from its index markers (`indexes@<count>`). */
async function storedLayout(marks: mongo.Collection<ClockMarkDocument>): Promise<number[]> {
  const markers = await marks.find({ _id: { $regex: '^indexes@' } }).toArray();
  return markers.map((m) => Number(m._id.slice('indexes@'.length))).filter((n) => Number.isInteger(n) && n > 0);
}

/** Persistence of clocks: guarded (compare-and-set on `rev`) writes, one document per clock. */
export class ClockStore {
  private shards: mongo.Collection<ClockDocument>[] = [];
  private readonly marks: mongo.Collection<ClockMarkDocument>;

  /**
   * `requestedShards` is SLA_CLOCK_COLLECTIONS; left out, the store keeps the layout the database
   * already has, or starts a new one with DEFAULT_CLOCK_COLLECTIONS.
   */
  constructor(
    private readonly db: mongo.Db,
    private readonly requestedShards?: number,
  ) {
    this.marks = db.collection<ClockMarkDocument>(CLOCK_MARKS);
    if (requestedShards !== undefined) this.useLayout(requestedShards);
  }

  private useLayout(count: number): void {
    this.shards = Array.from({ length: count }, (_, i) => this.db.collection<ClockDocument>(`${CLOCK_COLLECTION_PREFIX}${i.toString(16).padStart(2, '0')}`));
  }

  /**
   * Settles the layout and creates the indexes once per layout (a marker records it: a thousand
   * collections take a while). A layout other than the database's is refused: each clock is
   * found by a hash of its id over the collections, so a changed count would lose clocks.
   */
  async init(): Promise<void> {
    const stored = await storedLayout(this.marks);
    const count = this.requestedShards ?? stored[0] ?? DEFAULT_CLOCK_COLLECTIONS;
    const other = stored.find((n) => n !== count);
    if (other !== undefined) {
      throw new Error(`SLA_CLOCK_COLLECTIONS=${count}: this database keeps its clocks in ${other} collections; set SLA_CLOCK_COLLECTIONS=${other} (or leave it unset)`);
    }
    this.useLayout(count);
    const marker = `indexes@${count}`;
    if (stored.includes(count)) return;
    await forEachLimited(this.shards, SCAN_CONCURRENCY, async (shard) => {
      for (const index of CLOCK_INDEXES) await shard.createIndex({ ...index.key }, { name: index.name });
    });
    await this.marks.updateOne({ _id: marker }, { $set: { processedUntil: new Date(0) } }, { upsert: true });
  }

  /** The collection a clock lives in. */
  shardOf(id: string): mongo.Collection<ClockDocument> {
    return this.shards[hash(id) % this.shards.length];
  }

  /** Every clock collection (reports, purge). */
  get collections(): readonly mongo.Collection<ClockDocument>[] {
    return this.shards;
  }

  async get(id: string): Promise<ClockDocument | null> {
    const doc = await this.shardOf(id).findOne({ _id: id });
    return doc && currentClock(doc);
  }

  /** One look-up per id: `$in` is not handed down by FerretDB and would scan in full. */
  async getMany(ids: string[]): Promise<ClockDocument[]> {
    const docs = await Promise.all(ids.map((id) => this.get(id)));
    return docs.filter((d): d is ClockDocument => d !== null);
  }

  /**
   * Writes transitions, each only if its clock is still at the revision it was computed from.
   * Returns the ids whose write won; the others were changed meanwhile and must be recomputed.
   */
  async commit(commits: Commit[]): Promise<Set<string>> {
    const results = await Promise.all(commits.map((c) => this.commitOne(c)));
    return new Set(commits.filter((_, i) => results[i]).map((c) => c.id));
  }

  /**
   * Compare-and-set on `rev`. FerretDB 1.x applies `updateOne({_id, rev})` as read-modify-write,
   * so two writers can both match; the atomic step is therefore the insert of a claim document
   * `<id>@<rev+1>` (a unique `_id`), and only its winner updates the clock.
   */
  private async commitOne(c: Commit): Promise<boolean> {
    const fields = {
      rev: c.rev + 1,
      nextAt: c.state.nextAt === null ? null : new Date(c.state.nextAt),
      dueDay: c.state.nextAt === null ? null : dayOf(c.state.nextAt),
      agencyId: c.state.agencyId,
      status: c.state.status,
      state: c.state,
      updatedAt: new Date(),
    };
    const shard = this.shardOf(c.id);
    if (c.rev === 0) return this.insertWins(() => shard.insertOne({ _id: c.id, ...fields, outbox: c.events, outboxPending: c.events.length > 0 }));
    const claim: ClaimDocument = { _id: `${c.id}@${c.rev + 1}`, claimOf: c.id, claimedDay: dayOf(Date.now()), claimedAt: Date.now(), fields, events: c.events };
    if (!(await this.insertWins(() => this.claims(shard).insertOne(claim)))) {
      await this.completeStaleClaim(shard, claim._id, c.rev);
      return false;
    }
    await this.applyClaim(shard, claim, c.rev);
    return true;
  }

  private async applyClaim(shard: mongo.Collection<ClockDocument>, claim: ClaimDocument, rev: number): Promise<void> {
    const update = claim.events.length ? { $set: { ...claim.fields, outboxPending: true }, $push: { outbox: { $each: claim.events } } } : { $set: claim.fields };
    await shard.updateOne({ _id: claim.claimOf, rev }, update);
  }

  /** A claim whose writer died before updating the clock is carried out by the next writer. */
  private async completeStaleClaim(shard: mongo.Collection<ClockDocument>, claimId: string, rev: number): Promise<void> {
    const claim = await this.claims(shard).findOne({ _id: claimId });
    if (!claim || Date.now() - claim.claimedAt < STALE_CLAIM_MS) return;
    await this.applyClaim(shard, claim, rev);
  }

  private claims(shard: mongo.Collection<ClockDocument>): mongo.Collection<ClaimDocument> {
    return shard as unknown as mongo.Collection<ClaimDocument>;
  }

  private async insertWins(insert: () => Promise<unknown>): Promise<boolean> {
    try {
      await insert();
      return true;
    } catch (error) {
      if (error instanceof mongo.MongoServerError && error.code === DUPLICATE_KEY) return false;
      throw error;
    }
  }

  /** Deletes claims made on the given UTC days (they only matter while a write is in flight). */
  async purgeClaims(days: number[]): Promise<void> {
    await forEachLimited(this.shards, SCAN_CONCURRENCY, async (shard) => {
      for (const day of days) await this.claims(shard).deleteMany({ claimedDay: day });
    });
  }

  /**
   * Empties the outboxes of clocks whose events up to revision `rev` are published. A clock
   * written again since keeps its outbox: that writer empties it after publishing its own events,
   * and a crash before that republishes with the same keys.
   */
  async clearOutbox(published: { id: string; rev: number }[]): Promise<void> {
    await Promise.all(published.map((p) => this.shardOf(p.id).updateOne({ _id: p.id, rev: p.rev }, { $set: { outbox: [], outboxPending: false } })));
  }

  /** Clocks whose outbox may hold events not yet published (after a crash). */
  async pendingOutboxes(): Promise<ClockDocument[]> {
    const found: ClockDocument[] = [];
    await forEachLimited(this.shards, SCAN_CONCURRENCY, async (shard) => {
      found.push(...(await shard.find({ outboxPending: true }, { batchSize: SCAN_BATCH }).toArray()).map(currentClock));
    });
    return found;
  }

  /**
   * Streams the clocks whose timers are due in [from, until): whole UTC days by `dueDay`, filtered
   * here. Whole documents come back (FerretDB projects only after reading them anyway), so the
   * engine can fire them without reading each again.
   */
  async loadDueBefore(from: number, until: number, onTimer: (doc: ClockDocument, at: number) => void): Promise<void> {
    for (let day = dayOf(from); day <= dayOf(until - 1); day++) {
      await forEachLimited(this.shards, SCAN_CONCURRENCY, async (shard) => {
        for (const doc of await shard.find({ dueDay: day }, { batchSize: SCAN_BATCH }).toArray()) {
          const at = doc.nextAt?.getTime();
          if (at !== undefined && at >= from && at < until) onTimer(currentClock(doc), at);
        }
      });
    }
  }

  /** How far timers were processed before the last stop (undefined on a first start). */
  async processedUntil(engine: string): Promise<number | undefined> {
    return (await this.marks.findOne({ _id: engine }))?.processedUntil.getTime();
  }

  async markProcessed(engine: string, until: number): Promise<void> {
    await this.marks.updateOne({ _id: engine }, { $set: { processedUntil: new Date(until) } }, { upsert: true });
  }
}
