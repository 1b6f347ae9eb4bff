import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { OPEN311_REQUEST_MODEL, Open311RequestRecord } from './open311-request.schema';
import { Open311RequestStore } from './open311-request.store';

/** Open311 requests in the `desk_open311_requests` collection. */
@Injectable()
export class MongoOpen311RequestStore implements Open311RequestStore {
  constructor(@InjectModel(OPEN311_REQUEST_MODEL) private readonly requests: Model<Open311RequestRecord>) {}

  async add(request: Open311RequestRecord): Promise<void> {
    await this.requests.create(request);
  }

  async find(token: string): Promise<Open311RequestRecord | undefined> {
    return (await this.requests.findOne({ token }).lean<Open311RequestRecord>()) ?? undefined;
  }

  due(now: Date, limit: number): Promise<Open311RequestRecord[]> {
    return this.requests
      .find({ status: 'pending', nextAttemptAt: { $lte: now } })
      .sort({ createdAt: 1 })
      .limit(limit)
      .lean<Open311RequestRecord[]>()
      .exec();
  }

  async claim(request: Open311RequestRecord, until: Date): Promise<boolean> {
    const claimed = await this.requests.updateOne({ token: request.token, status: 'pending', nextAttemptAt: request.nextAttemptAt }, { $set: { nextAttemptAt: until }, $inc: { attempts: 1 } });
    return claimed.modifiedCount === 1;
  }

  async markForwarded(token: string, at: Date): Promise<void> {
    await this.requests.updateOne({ token }, { $set: { status: 'forwarded', forwardedAt: at }, $unset: { lastError: 1 } });
  }

  async markRejected(token: string, reason: string): Promise<void> {
    await this.requests.updateOne({ token }, { $set: { status: 'rejected', lastError: reason } });
  }

  async retryAt(token: string, reason: string, at: Date): Promise<void> {
    await this.requests.updateOne({ token }, { $set: { lastError: reason, nextAttemptAt: at } });
  }
}
