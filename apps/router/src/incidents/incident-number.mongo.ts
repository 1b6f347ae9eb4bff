import { Collection, Connection } from 'mongoose';
import { isDuplicateKey } from '../shared/mongo';
import { CounterStore } from './incident-number';

type NumberClaim = { _id: string; sequence: string; n: number; at: Date };

/**
 * Sequence numbers that are unique on MongoDB and on FerretDB. A counter document with $inc is
 * not enough on FerretDB 1.24, where concurrent $inc calls return the same value; instead each
 * number is claimed by inserting `<sequence>#<n>` under a unique `_id`, starting after the
 * highest claimed. A number whose incident was never written (a crash) is a gap, never a repeat.
 */
export class MongoCounterStore implements CounterStore {
  private readonly claims: Collection<NumberClaim>;

  constructor(connection: Connection) {
    this.claims = connection.collection<NumberClaim>('incident_numbers');
  }

  async init(): Promise<void> {
    await this.claims.createIndex({ sequence: 1, n: -1 });
  }

  async next(sequence: string): Promise<number> {
    for (let attempt = 0; attempt < 50; attempt++) {
      const [last] = await this.claims.find({ sequence }).sort({ n: -1 }).limit(1).toArray();
      const n = (last?.n ?? 0) + 1;
      try {
        await this.claims.insertOne({ _id: `${sequence}#${n}`, sequence, n, at: new Date() });
        return n;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    }
    throw new Error(`could not claim a number of ${sequence}: too much contention`);
  }
}
