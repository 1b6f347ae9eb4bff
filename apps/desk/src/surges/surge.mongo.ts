import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { renameFieldOnce } from '@otklik/platform';
import { Model } from 'mongoose';
import { SURGE_MODEL, SurgeAcknowledgement, SurgeRecord, SurgeStatus } from './surge.schema';
import { SurgeStore } from './surge.store';

/** The surge queue in the `desk_surges` collection. */
@Injectable()
export class MongoSurgeStore implements SurgeStore, OnModuleInit {
  constructor(@InjectModel(SURGE_MODEL) private readonly surges: Model<SurgeRecord>) {}

  /** Surges an earlier release stored name the taxonomy's code `topic`. */
  async onModuleInit(): Promise<void> {
    await renameFieldOnce(this.surges.db, this.surges.collection.collectionName, 'topic', 'topicCode');
  }

  async addDetected(surge: SurgeRecord): Promise<void> {
    await this.surges.updateOne({ surgeId: surge.surgeId }, { $setOnInsert: surge }, { upsert: true });
  }

  async find(surgeId: string): Promise<SurgeRecord | undefined> {
    return (await this.surges.findOne({ surgeId }, { _id: 0 }).lean<SurgeRecord>()) ?? undefined;
  }

  list(statuses: readonly SurgeStatus[] | undefined, limit: number): Promise<SurgeRecord[]> {
    const filter = statuses ? { status: { $in: statuses } } : {};
    return this.surges.find(filter, { _id: 0 }).sort({ detectedAt: -1 }).limit(limit).lean<SurgeRecord[]>().exec();
  }

  overdue(now: Date, limit: number): Promise<SurgeRecord[]> {
    return this.surges
      .find({ status: 'open', acknowledgeBy: { $lte: now } }, { _id: 0 })
      .sort({ acknowledgeBy: 1 })
      .limit(limit)
      .lean<SurgeRecord[]>()
      .exec();
  }

  async markAcknowledged(surgeId: string, acknowledged: SurgeAcknowledgement): Promise<void> {
    await this.surges.updateOne({ surgeId }, { $set: { status: 'acknowledged', acknowledged } });
  }

  async markEscalated(surgeId: string, at: Date, eventId: string): Promise<void> {
    await this.surges.updateOne({ surgeId }, { $set: { escalatedAt: at, escalationEventId: eventId } });
    await this.surges.updateOne({ surgeId, status: 'open' }, { $set: { status: 'escalated' } });
  }
}
