import { randomUUID } from 'node:crypto';
import type * as mongo from 'mongodb';

const TIMER_HINTS = 'timer_hints';

/** A clock whose timer changed on a replica that does not fire timers; `v` tells rewrites apart. */
export interface TimerHint {
  _id: string;
  v: string;
}

/**
 * Clocks changed by replicas that do not hold the engine lease, for the one that does: it reads
 * them again and reschedules their timers. A small collection, emptied as it is read.
 */
export class TimerHints {
  private readonly hints: mongo.Collection<TimerHint>;

  constructor(db: mongo.Db) {
    this.hints = db.collection<TimerHint>(TIMER_HINTS);
  }

  /** Notes that a clock's timer may have changed. */
  async note(id: string): Promise<void> {
    await this.hints.updateOne({ _id: id }, { $set: { v: randomUUID() } }, { upsert: true });
  }

  /** Up to `limit` noted clocks. */
  async take(limit: number): Promise<TimerHint[]> {
    return this.hints.find({}).limit(limit).toArray();
  }

  /** Forgets hints that were handled; one noted again meanwhile (another `v`) stays. */
  async done(hints: TimerHint[]): Promise<void> {
    if (!hints.length) return;
    await this.hints.bulkWrite(
      hints.map((h) => ({ deleteOne: { filter: { _id: h._id, v: h.v } } })),
      { ordered: false },
    );
  }
}
