import { Collection, Connection } from 'mongoose';
import { CounterStore } from './incident-number';

type Counter = { _id: string; n: number; updatedAt: Date };

/** Callers waiting for a number of one sequence while a reservation is in flight. */
interface Waiting {
  resolve(n: number): void;
  reject(error: unknown): void;
}

/**
 * Sequence numbers from one counter document per sequence, unique on MongoDB and on FerretDB
 * (whose updates the local build makes atomic per collection). Concurrent callers of one process
 * share a reservation: while one `$inc` is in flight the next callers queue, and the following
 * `$inc` reserves as many numbers as have queued, so a burst of incidents costs one round trip
 * instead of one per incident (and no retry loop that serialises and gives up under load).
 * A number reserved by a process that dies before writing its incident is a gap, never a repeat.
 */
export class MongoCounterStore implements CounterStore {
  private readonly counters: Collection<Counter>;
  private readonly queues = new Map<string, Waiting[]>();

  constructor(connection: Connection) {
    this.counters = connection.collection<Counter>('incident_counters');
  }

  async init(): Promise<void> {
    // The counter is keyed by `_id`; nothing else to index.
  }

  next(sequence: string): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      const queue = this.queues.get(sequence);
      if (queue) {
        queue.push({ resolve, reject });
        return;
      }
      this.queues.set(sequence, []);
      void this.reserve(sequence, [{ resolve, reject }]);
    });
  }

  /** Reserves a number for each waiting caller, then serves whoever queued meanwhile. */
  private async reserve(sequence: string, waiting: Waiting[]): Promise<void> {
    try {
      const counter = await this.counters.findOneAndUpdate({ _id: sequence }, { $inc: { n: waiting.length }, $set: { updatedAt: new Date() } }, { upsert: true, returnDocument: 'after' });
      if (!counter) throw new Error(`counter ${sequence} was not returned by the database`);
      const first = counter.n - waiting.length + 1;
      waiting.forEach((caller, i) => caller.resolve(first + i));
    } catch (error) {
      for (const caller of waiting) caller.reject(error);
    }
    const queued = this.queues.get(sequence) ?? [];
    if (queued.length === 0) {
      this.queues.delete(sequence);
      return;
    }
    this.queues.set(sequence, []);
    void this.reserve(sequence, queued);
  }
}
