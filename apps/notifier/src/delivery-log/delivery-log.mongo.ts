import { Connection, Model } from 'mongoose';
import { deliveryId, DeliveryQuery, DeliveryRecord, DeliveryStore, isClaimable, NewDelivery } from './delivery-log.store';
import { DeliveryClaimSchema, DeliverySchema } from './delivery-log.schema';

type DeliveryDoc = Omit<DeliveryRecord, 'id'> & { _id: string };
type ClaimDoc = { _id: string; deliveryId: string; at: Date };

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

  constructor(connection: Connection) {
    this.model = (connection.models.Delivery as Model<DeliveryDoc> | undefined) ?? connection.model<DeliveryDoc>('Delivery', DeliverySchema);
    this.claims = (connection.models.DeliveryClaim as Model<ClaimDoc> | undefined) ?? connection.model<ClaimDoc>('DeliveryClaim', DeliveryClaimSchema);
  }

  /** Builds the indexes; call once at start. */
  async init(): Promise<void> {
    await Promise.all([this.model.createIndexes(), this.claims.createIndexes()]);
  }

  async insertIfAbsent(d: NewDelivery, now: Date): Promise<{ record: DeliveryRecord; created: boolean }> {
    const _id = deliveryId(d.eventId, d.recipient, d.channel);
    const doc: DeliveryDoc = { ...d, _id, status: d.held ? 'held' : 'pending', attempts: 0, createdAt: now, updatedAt: now };
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
    const doc = await this.model
      .findOneAndUpdate({ _id: id, status: { $in: ['held', 'failed'] } }, { $set: { status: 'pending', notBefore: now, updatedAt: now, held: false, reported: false } }, { returnDocument: 'after' })
      .lean<DeliveryDoc>();
    return doc ? toRecord(doc) : undefined;
  }

  async findDue(now: Date, limit: number): Promise<string[]> {
    const docs = await this.model
      .find({
        $or: [
          { status: { $in: ['pending', 'retry'] }, notBefore: { $lte: now } },
          { status: 'sending', leaseUntil: { $lte: now } },
        ],
      })
      .sort({ notBefore: 1 })
      .limit(limit)
      .select({ _id: 1 })
      .lean<{ _id: string }[]>();
    return docs.map((d) => d._id);
  }

  async findUnreported(limit: number): Promise<DeliveryRecord[]> {
    const docs = await this.model
      .find({ status: { $in: ['sent', 'failed'] }, reported: { $ne: true } })
      .limit(limit)
      .lean<DeliveryDoc[]>();
    return docs.map(toRecord);
  }

  async markReported(id: string): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { reported: true } });
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
