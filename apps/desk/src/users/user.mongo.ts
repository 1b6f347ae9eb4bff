import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { USER_MODEL, UserRecord } from './user.schema';
import { NewUserRecord, UserFields, UserStore } from './user.store';

const DUPLICATE_KEY = 11000;

/** Users in the `desk_users` collection (unique login and id). */
@Injectable()
export class MongoUserStore implements UserStore {
  constructor(@InjectModel(USER_MODEL) private readonly users: Model<UserRecord>) {}

  async hasAny(): Promise<boolean> {
    return (await this.users.estimatedDocumentCount()) > 0;
  }

  async add(user: NewUserRecord): Promise<UserRecord | undefined> {
    try {
      return (await this.users.create(user)).toObject();
    } catch (error) {
      if ((error as { code?: number }).code === DUPLICATE_KEY) return undefined;
      throw error;
    }
  }

  async removeByLogin(login: string): Promise<void> {
    await this.users.deleteOne({ login }).exec();
  }

  list(limit: number): Promise<UserRecord[]> {
    return this.users.find().sort({ login: 1 }).limit(limit).lean<UserRecord[]>().exec();
  }

  findById(userId: string): Promise<UserRecord | null> {
    return this.users.findOne({ userId }).lean<UserRecord>().exec();
  }

  findByLogin(login: string): Promise<UserRecord | null> {
    return this.users.findOne({ login }).lean<UserRecord>().exec();
  }

  update(userId: string, fields: UserFields, agencyId: string | undefined): Promise<UserRecord | null> {
    const update = agencyId ? { $set: { ...fields, agencyId } } : { $set: fields, $unset: { agencyId: 1 } };
    return this.users.findOneAndUpdate({ userId }, update, { new: true }).lean<UserRecord>().exec();
  }

  async countFailure(userId: string): Promise<number> {
    const user = await this.users.findOneAndUpdate({ userId }, { $inc: { failedLogins: 1 } }, { new: true }).lean<UserRecord>();
    return user?.failedLogins ?? 0;
  }

  async lock(userId: string, until: Date): Promise<void> {
    await this.users.updateOne({ userId }, { $set: { lockedUntil: until, failedLogins: 0 } });
  }

  async clearFailures(userId: string): Promise<void> {
    await this.users.updateOne({ userId, failedLogins: { $gt: 0 } }, { $set: { failedLogins: 0 } });
  }

  async setPasswordHash(userId: string, passwordHash: string): Promise<void> {
    await this.users.updateOne({ userId }, { $set: { passwordHash } });
  }
}
