import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { SESSION_MODEL, SessionRecord } from './session.schema';
import { SessionStore } from './session.store';

/** Sessions in the `desk_sessions` collection; no TTL index (FerretDB), the service purges them. */
@Injectable()
export class MongoSessionStore implements SessionStore {
  constructor(@InjectModel(SESSION_MODEL) private readonly sessions: Model<SessionRecord>) {}

  async add(session: SessionRecord): Promise<void> {
    await this.sessions.create(session);
  }

  findByTokenHash(tokenHash: string): Promise<SessionRecord | null> {
    return this.sessions.findOne({ tokenHash }).lean<SessionRecord>().exec();
  }

  async touch(sessionId: string, lastSeenAt: Date, expiresAt: Date): Promise<void> {
    await this.sessions.updateOne({ sessionId }, { $set: { lastSeenAt, expiresAt } });
  }

  async remove(sessionId: string): Promise<void> {
    await this.sessions.deleteOne({ sessionId });
  }

  async removeExpired(now: Date): Promise<number> {
    const result = await this.sessions.deleteMany({ $or: [{ expiresAt: { $lte: now } }, { absoluteExpiresAt: { $lte: now } }] });
    return result.deletedCount;
  }
}
