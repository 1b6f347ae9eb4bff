import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { renameFieldOnce } from '@otklik/platform';
import { Model } from 'mongoose';
import { DESK_CONFIG, DeskConfig } from '../config/desk.config';
import { IncidentFollower } from '../projection/incident-follower';
import { IncidentRecord } from '../projection/incident.view';
import { INCIDENT_MODEL } from '../projection/projection.schema';
import { COUNTER_MODEL, CounterRecord } from './counter.schema';
import { metricChanges, MetricKey, MetricKind, metricsOf, parseMetricKey } from './metrics';

/**
 * Keeps dashboard counters in step with incidents. The incident's mark is taken first, with a
 * conditional update only one writer can win; the counter moves only for the winner. A crash
 * between the two leaves a counter one short, never counted twice; `recount` repairs that.
 */
@Injectable()
export class CountersService implements IncidentFollower, OnModuleInit {
  constructor(
    @InjectModel(COUNTER_MODEL) private readonly counters: Model<CounterRecord>,
    @InjectModel(INCIDENT_MODEL) private readonly incidents: Model<IncidentRecord>,
    @Inject(DESK_CONFIG) private readonly config: DeskConfig,
  ) {}

  /** Counters an earlier release stored name their category dimension `topic`. */
  async onModuleInit(): Promise<void> {
    await renameFieldOnce(this.counters.db, this.counters.collection.collectionName, 'dims.topic', 'dims.category');
  }

  async reconcile(incident: IncidentRecord): Promise<void> {
    const { add, remove } = metricChanges(incident.countedMetrics ?? [], metricsOf(incident, this.config.timeZone));
    for (const metric of add) {
      const marked = await this.incidents.collection.updateOne({ _id: incident.incidentId, countedMetrics: { $ne: metric.key } } as never, { $addToSet: { countedMetrics: metric.key } });
      if (marked.modifiedCount !== 1) continue;
      await this.counters.collection.updateOne(
        { key: metric.counter },
        { $inc: { count: 1 }, $set: { labels: metric.labels ?? {} }, $setOnInsert: { kind: metric.kind, day: metric.day, dims: metric.dims } },
        { upsert: true },
      );
    }
    for (const key of remove) {
      const unmarked = await this.incidents.updateOne({ _id: incident.incidentId, countedMetrics: key }, { $pull: { countedMetrics: key } });
      if (unmarked.modifiedCount === 1) await this.counters.collection.updateOne({ key: parseMetricKey(key)?.counter ?? key }, { $inc: { count: -1 } });
    }
  }

  /** Counters of one kind over a span of days (inclusive). */
  async range(kind: MetricKind, fromDay: string, toDay: string): Promise<CounterRecord[]> {
    return this.counters
      .find({ kind, day: { $gte: fromDay, $lte: toDay }, count: { $gt: 0 } }, { _id: 0 })
      .limit(20_000)
      .lean<CounterRecord[]>();
  }

  /** Rebuilds every counter from the incidents' marks (after a crash between mark and count). */
  async recount(): Promise<number> {
    const totals = new Map<string, { metric: MetricKey; count: number }>();
    const cursor = this.incidents.find({}, { countedMetrics: 1 }).lean<Pick<IncidentRecord, 'countedMetrics'>[]>().cursor();
    for await (const incident of cursor) {
      for (const key of incident.countedMetrics ?? []) {
        const metric = parseMetricKey(key);
        if (metric) totals.set(metric.counter, { metric, count: (totals.get(metric.counter)?.count ?? 0) + 1 });
      }
    }
    await this.counters.updateMany({}, { $set: { count: 0 } });
    for (const [key, { metric, count }] of totals) {
      await this.counters.collection.updateOne({ key }, { $set: { count, kind: metric.kind, day: metric.day, dims: metric.dims } }, { upsert: true });
    }
    return totals.size;
  }
}
