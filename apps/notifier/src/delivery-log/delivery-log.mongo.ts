import { Collection, Connection, Model } from 'mongoose';
import { deliveryId, DeliveryQuery, DeliveryRecord, DeliveryStore, isClaimable, NewDelivery } from './delivery-log.store';
import { DeliveryClaimSchema, DeliverySchema } from './delivery-log.schema';

type DeliveryDoc = Omit<DeliveryRecord, 'id'> & { _id: string };
type ClaimDoc = { _id: string; deliveryId: string; at: Date };
/** A delivery the scheduler or the reporter may still have to act on (see `open`). */
type OpenDoc = { _id: string; open?: true };

/** Marks a database whose deliveries from before the open set have been entered in it. */
const BACKFILLED = '#backfilled';

const DUPLICATE_KEY = 11000;

/**
 * The delivery log in MongoDB (or FerretDB): unique triple index, single-winner claims, no
 * transactions.
 *
 * Claims do not rely on a conditional findOneAndUpdate: on FerretDB 1.24 two concurrent ones with
 * the same filter both matched and both "won" (seen in the integration spec). A claim is instead
 * the insert of `<deliveryId>#<attempt>` into a collection whose `_id` is unique, which exactly
 * one worker can do on either database.
 */
export class MongoDeliveryStore implements DeliveryStore {
  private readonly model: Model<DeliveryDoc>;
  private readonly claims: Model<ClaimDoc>;
  /**
   * The deliveries not yet finished and reported, keyed by `_id`: what the scheduler's and the
   * reporter's polls read, instead of every delivery ever made (FerretDB answers a query on
   * status by reading the whole log, every few seconds). Entered before a delivery is written
   * open and left once its outcome is reported, so it never misses one and may hold a few more,
   * which the polls filter out.
   */
  private readonly open: Collection<OpenDoc>;

  constructor(connection: Connection) {
    this.model = (connection.models.Delivery as Model<DeliveryDoc> | undefined) ?? connection.model<DeliveryDoc>('Delivery', DeliverySchema);
    this.claims = (connection.models.DeliveryClaim as Model<ClaimDoc> | undefined) ?? connection.model<ClaimDoc>('DeliveryClaim', DeliveryClaimSchema);
    this.open = connection.collection<OpenDoc>('notifier_open_deliveries');
  }

  /** Builds the indexes; call once at start. */
  async init(): Promise<void> {
    await Promise.all([this.model.createIndexes(), this.claims.createIndexes()]);
    if (await this.open.findOne({ _id: BACKFILLED })) return;
    const open = await this.model.find({ $nor: [{ status: { $in: ['sent', 'failed'] }, reported: true }] }, { _id: 1 }).lean<{ _id: string }[]>();
    await this.enter([...open.map((d) => d._id), BACKFILLED]);
  }

  async insertIfAbsent(d: NewDelivery, now: Date): Promise<{ record: DeliveryRecord; created: boolean }> {
    const _id = deliveryId(d.eventId, d.recipient, d.channel);
    const doc: DeliveryDoc = { ...d, _id, status: d.held ? 'held' : 'pending', attempts: 0, createdAt: now, updatedAt: now };
    await this.enter([_id]);
    try {
      await this.model.collection.insertOne(stripUndefined(doc) as never);
      // Claims left by an earlier record with this id (purged by retention) must not block this one.
      await this.claims.deleteMany({ deliveryId: _id });
      return { record: toRecord(doc), created: true };
    } catch (err) {
      if ((err as { code?: number }).code !== DUPLICATE_KEY) throw err;
      const existing = await this.model.findOne({ eventId: d.eventId, recipient: d.recipient, channel: d.channel }).lean<DeliveryDoc>();
      if (!existing) throw err;
      return { record: toRecord(existing), created: false };
    }
  }

  async claim(id: string, now: Date, leaseMs: number): Promise<DeliveryRecord | undefined> {
    const current = await this.model.findById(id).lean<DeliveryDoc>();
    if (!current || !isClaimable(current, now)) return undefined;
    const attempt = current.attempts + 1;
    try {
      await this.claims.collection.insertOne({ _id: `${id}#${attempt}`, deliveryId: id, at: now } as never);
    } catch (err) {
      if ((err as { code?: number }).code === DUPLICATE_KEY) return undefined;
      throw err;
    }
    const leaseUntil = new Date(now.getTime() + leaseMs);
    await this.model.updateOne({ _id: id }, { $set: { status: 'sending', attempts: attempt, leaseUntil, updatedAt: now } });
    return toRecord({ ...current, status: 'sending', attempts: attempt, leaseUntil, updatedAt: now });
  }

  async markSent(id: string, externalId: string | undefined, now: Date): Promise<DeliveryRecord | undefined> {
    await this.claims.deleteMany({ deliveryId: id });
    const set = externalId === undefined ? { status: 'sent', sentAt: now, updatedAt: now } : { status: 'sent', sentAt: now, updatedAt: now, externalId };
    return this.set(id, set, { leaseUntil: '', lastError: '' });
  }

  markRetry(id: string, notBefore: Date, error: string, now: Date): Promise<DeliveryRecord | undefined> {
    return this.set(id, { status: 'retry', notBefore, lastError: error, updatedAt: now }, { leaseUntil: '' });
  }

  async markFailed(id: string, error: string, now: Date): Promise<DeliveryRecord | undefined> {
    await this.claims.deleteMany({ deliveryId: id });
    return this.set(id, { status: 'failed', lastError: error, failedAt: now, updatedAt: now }, { leaseUntil: '' });
  }

  async release(id: string, now: Date): Promise<DeliveryRecord | undefined> {
    await this.enter([id]);
    const doc = await this.model
      .findOneAndUpdate({ _id: id, status: { $in: ['held', 'failed'] } }, { $set: { status: 'pending', notBefore: now, updatedAt: now, held: false, reported: false } }, { returnDocument: 'after' })
      .lean<DeliveryDoc>();
    return doc ? toRecord(doc) : undefined;
  }

  async findDue(now: Date, limit: number): Promise<string[]> {
    const due = (d: DeliveryDoc) => ((d.status === 'pending' || d.status === 'retry') && d.notBefore <= now) || (d.status === 'sending' && d.leaseUntil !== undefined && d.leaseUntil <= now);
    const docs = (await this.openDeliveries()).filter(due).sort((a, b) => a.notBefore.getTime() - b.notBefore.getTime());
    return docs.slice(0, limit).map((d) => d._id);
  }

  async findUnreported(limit: number): Promise<DeliveryRecord[]> {
    const docs = (await this.openDeliveries()).filter((d) => (d.status === 'sent' || d.status === 'failed') && d.reported !== true);
    return docs.slice(0, limit).map(toRecord);
  }

  async markReported(id: string): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { reported: true } });
    await this.open.deleteOne({ _id: id });
  }

  /** The deliveries of the open set, read by `_id`; entries whose delivery is finished and reported (or gone) are dropped. */
  private async openDeliveries(): Promise<DeliveryDoc[]> {
    const ids = (await this.open.find({}, { projection: { _id: 1 } }).toArray()).map((d) => d._id).filter((id) => id !== BACKFILLED);
    const docs: DeliveryDoc[] = [];
    for (let i = 0; i < ids.length; i += 1_000) docs.push(...(await this.model.find({ _id: { $in: ids.slice(i, i + 1_000) } }).lean<DeliveryDoc[]>()));
    const closed = new Set(ids);
    for (const d of docs) if (!((d.status === 'sent' || d.status === 'failed') && d.reported === true)) closed.delete(d._id);
    if (closed.size > 0) await this.open.deleteMany({ _id: { $in: [...closed] } });
    return docs.filter((d) => !closed.has(d._id));
  }

  /** Enters deliveries into the open set (before they are written open). */
  private async enter(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.open.bulkWrite(
      ids.map((id) => ({ updateOne: { filter: { _id: id }, update: { $set: { open: true } }, upsert: true } })),
      { ordered: false },
    );
  }

  async purgeFinishedBefore(cutoff: Date): Promise<number> {
    const { deletedCount } = await this.model.deleteMany({ status: { $in: ['sent', 'failed'] }, reported: true, updatedAt: { $lt: cutoff } });
    return deletedCount;
  }

  async get(id: string): Promise<DeliveryRecord | undefined> {
    const doc = await this.model.findById(id).lean<DeliveryDoc>();
    return doc ? toRecord(doc) : undefined;
  }

  async list(q: DeliveryQuery): Promise<DeliveryRecord[]> {
    const filter: Record<string, unknown> = {};
    for (const key of ['status', 'recipient', 'incidentId', 'eventId', 'channel'] as const) if (q[key]) filter[key] = q[key];
    if (q.before) filter.updatedAt = { $lt: q.before };
    const docs = await this.model.find(filter).sort({ updatedAt: -1 }).limit(q.limit).lean<DeliveryDoc[]>();
    return docs.map(toRecord);
  }

  private async set(id: string, set: Record<string, unknown>, unset: Record<string, ''>): Promise<DeliveryRecord | undefined> {
    const doc = await this.model.findOneAndUpdate({ _id: id }, { $set: set, $unset: unset }, { returnDocument: 'after' }).lean<DeliveryDoc>();
    return doc ? toRecord(doc) : undefined;
  }
}

function toRecord(doc: DeliveryDoc): DeliveryRecord {
  const { _id, ...rest } = doc;
  return { ...rest, id: _id };
}

/** Drops undefined fields at every depth: the driver would store them as null, which reads back differently. */
function stripUndefined<T extends object>(o: T): T {
  const entries = Object.entries(o)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => [k, isPlainObject(v) ? stripUndefined(v) : v]);
  return Object.fromEntries(entries) as T;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
}
