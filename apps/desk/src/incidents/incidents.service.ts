import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { canSee, visibilityFilter } from '../access/access.policy';
import { Principal } from '../access/principal';
import { DeskError } from '../common/desk-error';
import { IncidentRecord } from '../projection/incident.view';
import { INCIDENT_MODEL, POST_MODEL, PostRecord } from '../projection/projection.schema';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import { buildIncidentFilter, IncidentQuery, Queue, QUEUES, queueFilter, sortOf } from './incident-query';
import { IncidentDetail, IncidentSummary, toDetail, toSummary } from './incident.presenter';

/** `78-2026-000123`: the region's subject code, the year, the sequence. */
const INCIDENT_NUMBER = /^\d{2,3}-\d{4}-\d{6,}$/;

/** Fields a list needs; the timeline and token index stay in the database. */
const LIST_FIELDS = { timeline: 0, searchTokens: 0, countedMetrics: 0, _id: 0 } as const;
/** Most points drawn on the map at once. */
const MAP_LIMIT = 5000;

export interface IncidentPage {
  items: IncidentSummary[];
  total: number;
  limit: number;
  offset: number;
}

export interface MapPoint {
  incidentId: string;
  number?: string;
  lat: number;
  lon: number;
  state: string;
  categoryCode?: string;
  overdue: boolean;
}

/** Reads of the incident read model, always within what the caller may see. */
@Injectable()
export class IncidentsService {
  constructor(
    @InjectModel(INCIDENT_MODEL) private readonly incidents: Model<IncidentRecord>,
    @InjectModel(POST_MODEL) private readonly posts: Model<PostRecord>,
    private readonly taxonomy: TaxonomyService,
  ) {}

  async list(query: IncidentQuery, principal: Principal, now = new Date()): Promise<IncidentPage> {
    const filter = buildIncidentFilter(query, principal, now);
    const [records, total] = await Promise.all([
      this.incidents.find(filter, LIST_FIELDS).sort(sortOf(query.sort)).skip(query.offset).limit(query.limit).lean<IncidentRecord[]>(),
      this.incidents.countDocuments(filter),
    ]);
    const label = (code: string): string => this.taxonomy.label(code);
    return { items: records.map((record) => toSummary(record, label)), total, limit: query.limit, offset: query.offset };
  }

  /** How many incidents wait in each queue, for the console's badges. */
  async queueSizes(principal: Principal, now = new Date()): Promise<Record<Queue, number>> {
    const scope = visibilityFilter(principal);
    const sizes = await Promise.all(QUEUES.map((queue) => this.incidents.countDocuments({ $and: [scope, queueFilter(queue, now)] })));
    return Object.fromEntries(QUEUES.map((queue, index) => [queue, sizes[index] ?? 0])) as Record<Queue, number>;
  }

  /** An incident the caller may see, or not found (whether it exists or not). */
  async record(incidentId: string, principal: Principal): Promise<IncidentRecord> {
    // An incident number (78-2026-000123, as notices and replies print it) finds it as well as its id.
    const incident =
      (await this.incidents.findOne({ _id: incidentId }, { _id: 0 }).lean<IncidentRecord>()) ??
      (INCIDENT_NUMBER.test(incidentId) ? await this.incidents.findOne({ number: incidentId }, { _id: 0 }).lean<IncidentRecord>() : null);
    if (!incident || !canSee(principal, incident)) throw DeskError.notFound(`incident ${incidentId}`);
    return incident;
  }

  async detail(incidentId: string, principal: Principal): Promise<IncidentDetail> {
    const incident = await this.record(incidentId, principal);
    const posts = incident.postIds.length === 0 ? [] : await this.posts.find({ _id: { $in: incident.postIds } }, { _id: 0 }).lean<PostRecord[]>();
    return toDetail(incident, posts, principal, (code) => this.taxonomy.label(code));
  }

  /** The text of a post as desk holds it (a correction carries it, to become a training example). */
  async postText(postId: string): Promise<string | undefined> {
    const post = await this.posts.findOne({ _id: postId }, { _id: 0, text: 1 }).lean<Pick<PostRecord, 'text'>>();
    return post?.text ?? undefined;
  }

  /** Incidents with coordinates, for the map. */
  async mapPoints(query: IncidentQuery, principal: Principal, now = new Date()): Promise<MapPoint[]> {
    const filter = buildIncidentFilter({ ...query, hasGeo: true }, principal, now);
    const records = await this.incidents
      .find(filter, { incidentId: 1, number: 1, geo: 1, state: 1, categoryCode: 1, nextDueAt: 1, open: 1, _id: 0 })
      .sort(sortOf(query.sort))
      .limit(Math.min(query.limit, MAP_LIMIT))
      .lean<IncidentRecord[]>();
    const nowIso = now.toISOString();
    return records.flatMap((record) =>
      record.geo
        ? [
            {
              incidentId: record.incidentId,
              number: record.number,
              lat: record.geo.lat,
              lon: record.geo.lon,
              state: record.state,
              categoryCode: record.categoryCode,
              overdue: Boolean(record.open && record.nextDueAt && record.nextDueAt < nowIso),
            },
          ]
        : [],
    );
  }

  /** Finds an incident by id or by its human-readable number (for merge targets typed by people). */
  async resolve(idOrNumber: string, principal: Principal): Promise<IncidentRecord> {
    const incident = await this.incidents.findOne({ $or: [{ incidentId: idOrNumber }, { number: idOrNumber }] }, { _id: 0 }).lean<IncidentRecord>();
    if (!incident || !canSee(principal, incident)) throw DeskError.notFound(`incident ${idOrNumber}`);
    return incident;
  }
}
