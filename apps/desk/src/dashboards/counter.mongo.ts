import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { renameFieldOnce } from '@otklik/platform';
import { Model } from 'mongoose';
import { COUNTER_MODEL, CounterRecord } from './counter.schema';
import { CounterStore } from './counter.store';
import type { MetricKey, MetricKind } from './metrics';

/** Most counters one dashboard reads. */
const RANGE_LIMIT = 20_000;

/** Dashboard counters in the `desk_counters` collection, one document per counter key. */
@Injectable()
export class MongoCounterStore implements CounterStore, OnModuleInit {
  constructor(@InjectModel(COUNTER_MODEL) private readonly counters: Model<CounterRecord>) {}

  /** Counters an earlier release stored name their category dimension `topic`. */
  async onModuleInit(): Promise<void> {
    await renameFieldOnce(this.counters.db, this.counters.collection.collectionName, 'dims.topic', 'dims.category');
  }

  async increment(metric: MetricKey): Promise<void> {
    await this.counters.collection.updateOne(
      { key: metric.counter },
      { $inc: { count: 1 }, $set: { labels: metric.labels ?? {} }, $setOnInsert: { kind: metric.kind, day: metric.day, dims: metric.dims } },
      { upsert: true },
    );
  }

  async decrement(counter: string): Promise<void> {
    await this.counters.collection.updateOne({ key: counter }, { $inc: { count: -1 } });
  }

  range(kind: MetricKind, fromDay: string, toDay: string): Promise<CounterRecord[]> {
    return this.counters
      .find({ kind, day: { $gte: fromDay, $lte: toDay }, count: { $gt: 0 } }, { _id: 0 })
      .limit(RANGE_LIMIT)
      .lean<CounterRecord[]>()
      .exec();
  }

  async replaceAll(totals: ReadonlyMap<string, { metric: MetricKey; count: number }>): Promise<void> {
    await this.counters.updateMany({}, { $set: { count: 0 } });
    for (const [key, { metric, count }] of totals) {
      await this.counters.collection.updateOne({ key }, { $set: { count, kind: metric.kind, day: metric.day, dims: metric.dims } }, { upsert: true });
    }
  }
}
