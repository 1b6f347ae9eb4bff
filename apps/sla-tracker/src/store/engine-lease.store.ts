import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type * as mongo from 'mongodb';

const ENGINE_LEASES = 'engine_leases';

interface LeaseDocument {
  _id: string;
  holder: string;
  expiresAt: Date;
}

/**
 * A lease in the database naming the one replica whose clock engine fires timers. Taken or renewed
 * with one conditional write (held by us, or expired); when another replica holds a live lease the
 * upsert collides on the `_id` and reports "not ours". Clocks of the replicas should agree within
 * a small part of the lease's length.
 */
export class EngineLease {
  private readonly leases: mongo.Collection<LeaseDocument>;

  constructor(
    db: mongo.Db,
    private readonly name: string,
    readonly holder = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`,
  ) {
    this.leases = db.collection<LeaseDocument>(ENGINE_LEASES);
  }

  /** Takes or renews the lease for `ttlMs`; true when this holder has it. */
  async acquire(ttlMs: number, now: number = Date.now()): Promise<boolean> {
    try {
      const doc = await this.leases.findOneAndUpdate(
        { _id: this.name, $or: [{ holder: this.holder }, { expiresAt: { $lt: new Date(now) } }] },
        { $set: { holder: this.holder, expiresAt: new Date(now + ttlMs) } },
        { upsert: true, returnDocument: 'after' },
      );
      return doc?.holder === this.holder;
    } catch (error) {
      if ((error as { code?: number }).code === 11000) return false;
      throw error;
    }
  }

  /** Gives the lease up (on a clean stop), so another replica takes over at once. */
  async release(): Promise<void> {
    await this.leases.deleteOne({ _id: this.name, holder: this.holder });
  }
}
