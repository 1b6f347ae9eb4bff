import { randomUUID } from 'node:crypto';
import type * as mongo from 'mongodb';

const TIMER_HINTS = 'timer_hints';

/** A note that a clock's timer changed on a replica that does not fire timers. */
export interface TimerHint {
  /** The note's own id: `<clock>#<random>`. */
  _id: string;
  /** The clock; hints noted before this field existed are keyed by the clock alone. */
  clockId?: string;
}

/** The clock a hint is about. */
export function clockOf(hint: TimerHint): string {
  return hint.clockId ?? hint._id;
}

/**
 * Clocks changed by replicas that do not hold the engine lease, for the one that does: it reads
 * them again and reschedules their timers. A small collection, emptied as it is read.
 *
 * Each note is a document of its own, inserted and later deleted by its id. A note rewritten in
 * place could be lost: FerretDB 1.24 does not isolate a conditional delete from a concurrent
 * update (ADR 0001), so a leader deleting the note it read could delete the newer one a follower
 * wrote meanwhile, and that clock's timer would never fire.
 */
export class TimerHints {
  private readonly hints: mongo.Collection<TimerHint>;

  constructor(db: mongo.Db) {
    this.hints = db.collection<TimerHint>(TIMER_HINTS);
  }

  /** Notes that a clock's timer may have changed. */
  async note(clockId: string): Promise<void> {
    await this.hints.insertOne({ _id: `${clockId}#${randomUUID()}`, clockId });
  }

  /** Up to `limit` notes. */
  async take(limit: number): Promise<TimerHint[]> {
    return this.hints.find({}).limit(limit).toArray();
  }

  /** Forgets notes that were handled; one noted meanwhile is another document and stays. */
  async done(hints: TimerHint[]): Promise<void> {
    if (!hints.length) return;
    await this.hints.bulkWrite(
      hints.map((h) => ({ deleteOne: { filter: { _id: h._id } } })),
      { ordered: false },
    );
  }
}
