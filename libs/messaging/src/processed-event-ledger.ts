import { Connection, Schema } from 'mongoose';

/** Remembers which events a consumer group has handled, so a redelivery has no second effect. */
export interface ProcessedEventLedger {
  /** The ids among `eventIds` this group has handled already. */
  handled(group: string, eventIds: string[]): Promise<Set<string>>;
  /** Records that the group handled these events (or dead-lettered them). */
  record(group: string, entries: Array<{ eventId: string; topic: string; outcome: 'handled' | 'dead-lettered' }>): Promise<void>;
}

interface LedgerEntry {
  group: string;
  eventId: string;
  topic: string;
  outcome: string;
  at: Date;
}

const ledgerSchema = new Schema<LedgerEntry>(
  {
    group: { type: String, required: true },
    eventId: { type: String, required: true },
    topic: { type: String, required: true },
    outcome: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'processed_events', versionKey: false },
);
// One row per (event, group): a duplicate insert fails with 11000 and is ignored.
ledgerSchema.index({ eventId: 1, group: 1 }, { unique: true });
// The retention job deletes old rows by time (no TTL indexes on every backend).
ledgerSchema.index({ at: 1 });

const DUPLICATE_KEY = 11000;

/** The ledger in the service's own MongoDB database. */
export class MongoProcessedEventLedger implements ProcessedEventLedger {
  private readonly model;

  constructor(connection: Connection) {
    this.model = connection.models['ProcessedEvent'] ?? connection.model<LedgerEntry>('ProcessedEvent', ledgerSchema);
  }

  /** Creates the unique index; call once at start. */
  async init(): Promise<void> {
    await this.model.createIndexes();
  }

  async handled(group: string, eventIds: string[]): Promise<Set<string>> {
    if (eventIds.length === 0) return new Set();
    const rows = await this.model.find({ group, eventId: { $in: eventIds } }, { eventId: 1 }).lean();
    return new Set(rows.map((row) => row.eventId));
  }

  async record(group: string, entries: Array<{ eventId: string; topic: string; outcome: 'handled' | 'dead-lettered' }>): Promise<void> {
    if (entries.length === 0) return;
    const at = new Date();
    try {
      await this.model.insertMany(entries.map((entry) => ({ ...entry, group, at })), { ordered: false });
    } catch (error) {
      if (!isOnlyDuplicates(error)) throw error;
    }
  }

  /** Deletes rows older than `before`; redeliveries older than the retention are not expected. */
  async purge(before: Date): Promise<number> {
    const result = await this.model.deleteMany({ at: { $lt: before } });
    return result.deletedCount;
  }
}

function isOnlyDuplicates(error: unknown): boolean {
  const writeErrors = (error as { writeErrors?: Array<{ code?: number; err?: { code?: number } }> }).writeErrors;
  if ((error as { code?: number }).code === DUPLICATE_KEY && !writeErrors) return true;
  return Array.isArray(writeErrors) && writeErrors.every((e) => (e.code ?? e.err?.code) === DUPLICATE_KEY);
}
