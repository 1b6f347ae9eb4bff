import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { visibilityFilter } from '../access/access.policy';
import type { Principal } from '../access/principal';
import { buildIncidentFilter, IncidentQuery, Queue, QUEUES, queueFilter, sortOf } from './incident-query';
import { IncidentChange, IncidentListed, IncidentPoint, IncidentStore, PublicIncidentQuery } from './incident.store';
import { IncidentRecord } from './incident.view';
import { PostLinks } from './post-links';
import { INCIDENT_MODEL } from './projection.schema';
import { updateVersioned } from './versioned-update';

/** `78-2026-000123`: the region's subject code, the year, the sequence. */
const INCIDENT_NUMBER = /^\d{2,3}-\d{4}-\d{6,}$/;
/** What a list leaves in the database: the timeline and the read model's own fields. */
const LISTED = { timeline: 0, searchTokens: 0, countedMetrics: 0, version: 0, _id: 0 } as const;
const POINT = { incidentId: 1, number: 1, geo: 1, state: 1, categoryCode: 1, nextDueAt: 1, open: 1, _id: 0 } as const;

/** Incidents in the `desk_incidents` collection, keyed by `_id` (see versioned-update.ts), with posts linked in `desk_post_incidents`. */
@Injectable()
export class MongoIncidentStore implements IncidentStore {
  private readonly links: PostLinks;

  constructor(@InjectModel(INCIDENT_MODEL) private readonly incidents: Model<IncidentRecord>) {
    this.links = new PostLinks(incidents);
  }

  async update(incidentId: string, change: IncidentChange): Promise<IncidentRecord | undefined> {
    const stored = await updateVersioned(this.incidents, { field: 'incidentId', value: incidentId }, (current) => change(current ?? undefined), { countedMetrics: [] });
    return stored ?? undefined;
  }

  find(idOrNumber: string): Promise<IncidentRecord | undefined> {
    return this.findOne<IncidentRecord>(idOrNumber, { _id: 0 });
  }

  findListed(idOrNumber: string): Promise<IncidentListed | undefined> {
    return this.findOne<IncidentListed>(idOrNumber, LISTED);
  }

  private async findOne<T>(idOrNumber: string, projection: Record<string, 0 | 1>): Promise<T | undefined> {
    const byId = await this.incidents.findOne({ _id: idOrNumber }, projection).lean<T>();
    if (byId || !INCIDENT_NUMBER.test(idOrNumber)) return byId ?? undefined;
    return (await this.incidents.findOne({ number: idOrNumber }, projection).lean<T>()) ?? undefined;
  }

  async list(query: IncidentQuery, principal: Principal, now: Date): Promise<{ items: IncidentListed[]; total: number }> {
    const filter = buildIncidentFilter(query, principal, now);
    const [items, total] = await Promise.all([
      this.incidents.find(filter, LISTED).sort(sortOf(query.sort)).skip(query.offset).limit(query.limit).lean<IncidentListed[]>(),
      this.incidents.countDocuments(filter),
    ]);
    return { items, total };
  }

  async queueSizes(principal: Principal, now: Date): Promise<Record<Queue, number>> {
    const scope = visibilityFilter(principal);
    const sizes = await Promise.all(QUEUES.map((queue) => this.incidents.countDocuments({ $and: [scope, queueFilter(queue, now)] })));
    return Object.fromEntries(QUEUES.map((queue, index) => [queue, sizes[index] ?? 0])) as Record<Queue, number>;
  }

  located(query: IncidentQuery, principal: Principal, now: Date, limit: number): Promise<IncidentPoint[]> {
    const filter = buildIncidentFilter({ ...query, hasGeo: true }, principal, now);
    return this.incidents.find(filter, POINT).sort(sortOf(query.sort)).limit(Math.min(query.limit, limit)).lean<IncidentPoint[]>().exec();
  }

  listPublic(query: PublicIncidentQuery): Promise<IncidentListed[]> {
    const filter: Record<string, unknown> = {};
    if (query.idsOrNumbers) filter.$or = [{ number: { $in: query.idsOrNumbers } }, { incidentId: { $in: query.idsOrNumbers } }];
    if (query.createdFrom || query.createdTo)
      filter.createdAt = { ...(query.createdFrom && { $gte: query.createdFrom.toISOString() }), ...(query.createdTo && { $lte: query.createdTo.toISOString() }) };
    if (query.categoryCode) filter.categoryCode = query.categoryCode;
    if (query.topicCode) filter.topicCode = query.topicCode;
    if (query.open !== undefined) filter.open = query.open;
    return this.incidents.find(filter, LISTED).sort({ createdAt: -1 }).limit(query.limit).lean<IncidentListed[]>().exec();
  }

  holding(postId: string): Promise<string[]> {
    return this.links.incidentsOf(postId);
  }

  link(incidentId: string, postIds: readonly string[]): Promise<void> {
    return this.links.link(incidentId, postIds);
  }

  async markCounted(incidentId: string, key: string): Promise<boolean> {
    const marked = await this.incidents.collection.updateOne({ _id: incidentId, countedMetrics: { $ne: key } } as never, { $addToSet: { countedMetrics: key } });
    return marked.modifiedCount === 1;
  }

  async unmarkCounted(incidentId: string, key: string): Promise<boolean> {
    const unmarked = await this.incidents.updateOne({ _id: incidentId, countedMetrics: key }, { $pull: { countedMetrics: key } });
    return unmarked.modifiedCount === 1;
  }

  async *countedMetrics(): AsyncIterable<string[]> {
    for await (const incident of this.incidents.find({}, { countedMetrics: 1 }).lean<Pick<IncidentRecord, 'countedMetrics'>[]>().cursor()) {
      yield incident.countedMetrics ?? [];
    }
  }
}
