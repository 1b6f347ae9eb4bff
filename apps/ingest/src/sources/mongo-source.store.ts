import type { Collection, Connection } from 'mongoose';
import type { CheckpointStore } from './checkpoint.store';
import type { SkipNote } from './source.model';
import type { SourceConfigStore } from './sources.service';
import type { RunEnd, SourceStatusStore } from './source-status.store';
import type { SourceConfig, SourceCounters, SourceStatus } from './source.model';

const WRITE = { ignoreUndefined: true } as const;
const DUPLICATE_KEY = 11000;
const MAX_SKIPPED = 20;

type SourceDocument = Omit<SourceConfig, 'id'> & { _id: string; updatedAt: Date };
type StatusDocument = Omit<SourceStatus, 'sourceId'> & { _id: string };
/** The value is JSON text: checkpoint keys (search queries) may hold `.` or `$`. */
type CheckpointDocument = { _id: string; value: string; updatedAt: Date };

/** Runs an upsert again once when two upserts of the same new _id raced (the loser gets 11000). */
async function upsertRetrying(write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
    await write();
  }
}

const EMPTY_COUNTERS: SourceCounters = { received: 0, edited: 0, deleted: 0, filtered: 0, duplicates: 0 };

/** Source configurations in MongoDB/FerretDB. */
export class MongoSourceConfigStore implements SourceConfigStore {
  private readonly sources: Collection<SourceDocument>;

  constructor(
    connection: Connection,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.sources = connection.collection<SourceDocument>('sources');
  }

  private static toConfig({ _id, updatedAt: _updated, ...rest }: SourceDocument): SourceConfig {
    return { ...rest, id: _id };
  }

  async list(): Promise<SourceConfig[]> {
    return (await this.sources.find({}).sort({ _id: 1 }).toArray()).map(MongoSourceConfigStore.toConfig);
  }

  async get(id: string): Promise<SourceConfig | null> {
    const doc = await this.sources.findOne({ _id: id });
    return doc ? MongoSourceConfigStore.toConfig(doc) : null;
  }

  async create(source: SourceConfig): Promise<boolean> {
    const { id, ...rest } = source;
    try {
      await this.sources.insertOne({ ...rest, _id: id, updatedAt: this.now() }, WRITE);
      return true;
    } catch (error) {
      if ((error as { code?: number }).code === DUPLICATE_KEY) return false;
      throw error;
    }
  }

  async put(source: SourceConfig): Promise<void> {
    const { id, ...rest } = source;
    await upsertRetrying(() => this.sources.replaceOne({ _id: id }, { ...rest, updatedAt: this.now() }, { ...WRITE, upsert: true }));
  }

  async delete(id: string): Promise<boolean> {
    return (await this.sources.deleteOne({ _id: id })).deletedCount === 1;
  }
}

/** Source health in MongoDB/FerretDB; counters move with $inc so the status page is one read. */
export class MongoSourceStatusStore implements SourceStatusStore {
  private readonly statuses: Collection<StatusDocument>;

  constructor(connection: Connection) {
    this.statuses = connection.collection<StatusDocument>('source_status');
  }

  private static toStatus({ _id, ...rest }: StatusDocument): SourceStatus {
    return { ...rest, sourceId: _id, counters: { ...EMPTY_COUNTERS, ...rest.counters }, skipped: rest.skipped ?? [] };
  }

  async get(sourceId: string): Promise<SourceStatus | null> {
    const doc = await this.statuses.findOne({ _id: sourceId });
    return doc ? MongoSourceStatusStore.toStatus(doc) : null;
  }

  async list(): Promise<SourceStatus[]> {
    return (await this.statuses.find({}).toArray()).map(MongoSourceStatusStore.toStatus);
  }

  async runFinished(sourceIds: string[], end: RunEnd): Promise<void> {
    for (const id of sourceIds) {
      const set: Partial<StatusDocument> = { state: end.state, lastRunAt: end.at };
      if (end.state === 'ok') set.lastSuccessAt = end.at;
      if (end.error) Object.assign(set, { lastErrorAt: end.at, lastError: end.error });
      await upsertRetrying(() => this.statuses.updateOne({ _id: id }, { $set: set, $setOnInsert: { skipped: [] } }, { ...WRITE, upsert: true }));
      if (end.newestPostAt) {
        await this.statuses.updateOne({ _id: id, $or: [{ newestPostAt: { $exists: false } }, { newestPostAt: { $lt: end.newestPostAt } }] }, { $set: { newestPostAt: end.newestPostAt } });
      }
    }
  }

  async addSkipped(sourceId: string, notes: SkipNote[], at: Date): Promise<void> {
    // Rare: read, append, trim and write rather than rely on $push modifiers FerretDB may lack.
    const current = await this.statuses.findOne({ _id: sourceId }, { projection: { skipped: 1 } });
    const skipped = [...(current?.skipped ?? []), ...notes.map((note) => ({ ...note, at }))].slice(-MAX_SKIPPED);
    await upsertRetrying(() => this.statuses.updateOne({ _id: sourceId }, { $set: { skipped } }, { ...WRITE, upsert: true }));
  }

  async increment(sourceId: string, counters: Partial<SourceCounters>): Promise<void> {
    const inc = Object.fromEntries(Object.entries(counters).map(([name, value]) => [`counters.${name}`, value]));
    await upsertRetrying(() => this.statuses.updateOne({ _id: sourceId }, { $inc: inc, $setOnInsert: { state: 'idle', skipped: [] } }, { upsert: true }));
  }
}

/** Polling checkpoints in MongoDB/FerretDB. */
export class MongoCheckpointStore implements CheckpointStore {
  private readonly checkpoints: Collection<CheckpointDocument>;

  constructor(
    connection: Connection,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.checkpoints = connection.collection<CheckpointDocument>('checkpoints');
  }

  async load(key: string): Promise<object | undefined> {
    const doc = await this.checkpoints.findOne({ _id: key });
    return doc ? (JSON.parse(doc.value) as object) : undefined;
  }

  async save(key: string, value: object): Promise<void> {
    await upsertRetrying(() => this.checkpoints.replaceOne({ _id: key }, { value: JSON.stringify(value), updatedAt: this.now() }, { upsert: true }));
  }
}
