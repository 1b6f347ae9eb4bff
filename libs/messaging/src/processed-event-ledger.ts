import { Connection, Schema } from 'mongoose';

/** Where a message sits in Kafka. */
export interface MessagePosition {
  topic: string;
  partition: number;
  offset: string;
}

/** One event a consumer group is about to handle. */
export interface LedgerClaim extends MessagePosition {
  eventId: string;
}

/**
 * Remembers what a consumer group has handled, so an event delivered twice has one effect.
 * Two kinds of second delivery are told apart:
 * - a redelivery of the same message after a crash or rebalance (offset not yet committed) is
 *   recognised by the partition's watermark: the highest offset handled before the commit;
 * - the same event published twice (another offset, perhaps another partition) is recognised by
 *   its event id, claimed once per group under a unique index.
 */
export interface ProcessedEventLedger {
  /** Highest offset of the partition the group has handled, or -1. */
  watermark(group: string, position: Omit<MessagePosition, 'offset'>): Promise<bigint>;
  /** Claims the events; returns the ids that were already claimed at another position (skip them). */
  claim(group: string, claims: LedgerClaim[]): Promise<Set<string>>;
  /** Records that every message of the partition up to `offset` is handled. */
  advance(group: string, position: MessagePosition): Promise<void>;
}

interface ClaimRow {
  _id: string;
  group: string;
  eventId: string;
  topic: string;
  partition: number;
  offset: string;
  at: Date;
}

interface WatermarkRow {
  _id: string;
  offset: string;
  at: Date;
}

const claimSchema = new Schema<ClaimRow>(
  {
    _id: { type: String },
    group: { type: String, required: true },
    eventId: { type: String, required: true },
    topic: { type: String, required: true },
    partition: { type: Number, required: true },
    offset: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'processed_events', versionKey: false },
);
// One claim per (event, group): a second insert fails with 11000.
claimSchema.index({ eventId: 1, group: 1 }, { unique: true });
// The retention job deletes old rows by time (no TTL indexes on every backend).
claimSchema.index({ at: 1 });

const watermarkSchema = new Schema<WatermarkRow>(
  { _id: { type: String }, offset: { type: String, required: true }, at: { type: Date, required: true } },
  { collection: 'consumer_watermarks', versionKey: false },
);

const DUPLICATE_KEY = 11000;
const CHUNK = 250;

const claimId = (group: string, eventId: string) => `${group}|${eventId}`;
const partitionId = (group: string, p: Omit<MessagePosition, 'offset'>) => `${group}|${p.topic}|${p.partition}`;

/** The ledger in the service's own MongoDB database (reads only by `_id`, which every backend indexes). */
export class MongoProcessedEventLedger implements ProcessedEventLedger {
  private readonly claims;
  private readonly watermarks;

  constructor(connection: Connection) {
    this.claims = connection.models['ProcessedEvent'] ?? connection.model<ClaimRow>('ProcessedEvent', claimSchema);
    this.watermarks = connection.models['ConsumerWatermark'] ?? connection.model<WatermarkRow>('ConsumerWatermark', watermarkSchema);
  }

  /** Creates the indexes; call once at start. */
  async init(): Promise<void> {
    await this.claims.createIndexes();
  }

  async watermark(group: string, position: Omit<MessagePosition, 'offset'>): Promise<bigint> {
    const row = await this.watermarks.findById(partitionId(group, position)).lean();
    return row ? BigInt(row.offset) : -1n;
  }

  async claim(group: string, claims: LedgerClaim[]): Promise<Set<string>> {
    const at = new Date();
    const rows = claims.map((c) => ({ _id: claimId(group, c.eventId), group, ...c, at }));
    const chunks = Array.from({ length: Math.ceil(rows.length / CHUNK) }, (_, n) => rows.slice(n * CHUNK, (n + 1) * CHUNK));
    const conflicts = (await Promise.all(chunks.map((chunk) => this.insertClaims(chunk)))).flat();
    if (conflicts.length === 0) return new Set();
    // A conflict is either our own claim of this very message before a crash (handle it again)
    // or the same event at another position (a true duplicate: skip it).
    const existing = await this.claims.find({ _id: { $in: conflicts.map((c) => c._id) } }).lean();
    const byId = new Map(existing.map((row) => [row._id, row]));
    return new Set(
      conflicts
        .filter((c) => {
          const row = byId.get(c._id);
          return !row || row.topic !== c.topic || row.partition !== c.partition || row.offset !== c.offset;
        })
        .map((c) => c.eventId),
    );
  }

  async advance(group: string, position: MessagePosition): Promise<void> {
    await this.watermarks.updateOne({ _id: partitionId(group, position) }, { $set: { offset: position.offset, at: new Date() } }, { upsert: true });
  }

  /** Deletes claims older than `before`; redeliveries older than the retention are not expected. */
  async purge(before: Date): Promise<number> {
    const result = await this.claims.deleteMany({ at: { $lt: before } });
    return result.deletedCount;
  }

  /** Inserts claims; returns the rows that already existed. */
  private async insertClaims(rows: ClaimRow[]): Promise<ClaimRow[]> {
    try {
      await this.claims.insertMany(rows, { ordered: false });
      return [];
    } catch (error) {
      const failed = duplicateIndexes(error);
      if (!failed) throw error;
      return failed.map((index) => rows[index]);
    }
  }
}

/** Indexes of the rows an unordered insert refused as duplicates, or undefined for other errors. */
function duplicateIndexes(error: unknown): number[] | undefined {
  const writeErrors = (error as { writeErrors?: Array<{ code?: number; index: number; err?: { code?: number; index?: number } }> }).writeErrors;
  if (!Array.isArray(writeErrors)) return undefined;
  const codes = writeErrors.map((e) => e.code ?? e.err?.code);
  if (!codes.every((code) => code === DUPLICATE_KEY)) return undefined;
  return writeErrors.map((e) => e.index ?? e.err?.index ?? -1).filter((index) => index >= 0);
}
