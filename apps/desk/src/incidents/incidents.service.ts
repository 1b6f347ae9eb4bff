import { Injectable } from '@nestjs/common';
import { canSee } from '../access/access.policy';
import { Principal } from '../access/principal';
import { DeskError } from '../common/desk-error';
import { IncidentQuery, Queue } from '../projection/incident-query';
import { IncidentStore } from '../projection/incident.store';
import { IncidentRecord } from '../projection/incident.view';
import { PostStore } from '../projection/post.store';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import { IncidentDetail, IncidentSummary, toDetail, toSummary } from './incident.presenter';

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
    private readonly incidents: IncidentStore,
    private readonly posts: PostStore,
    private readonly taxonomy: TaxonomyService,
  ) {}

  async list(query: IncidentQuery, principal: Principal, now = new Date()): Promise<IncidentPage> {
    const { items, total } = await this.incidents.list(query, principal, now);
    const label = (code: string): string => this.taxonomy.label(code);
    return { items: items.map((incident) => toSummary(incident, label)), total, limit: query.limit, offset: query.offset };
  }

  /** How many incidents wait in each queue, for the console's badges. */
  queueSizes(principal: Principal, now = new Date()): Promise<Record<Queue, number>> {
    return this.incidents.queueSizes(principal, now);
  }

  /**
   * An incident the caller may see, by its id or its number (78-2026-000123, as notices and
   * replies print it and people type it), or not found (whether it exists or not).
   */
  async record(idOrNumber: string, principal: Principal): Promise<IncidentRecord> {
    const incident = await this.incidents.find(idOrNumber);
    if (!incident || !canSee(principal, incident)) throw DeskError.notFound(`incident ${idOrNumber}`);
    return incident;
  }

  async detail(incidentId: string, principal: Principal): Promise<IncidentDetail> {
    const incident = await this.record(incidentId, principal);
    const posts = await this.posts.withTimelines(incident.postIds);
    return toDetail(incident, posts, principal, (code) => this.taxonomy.label(code));
  }

  /** The text of a post as desk holds it (a correction carries it, to become a training example). */
  async postText(postId: string): Promise<string | undefined> {
    const [post] = await this.posts.views([postId]);
    return post?.text ?? undefined;
  }

  /** Incidents with coordinates, for the map. */
  async mapPoints(query: IncidentQuery, principal: Principal, now = new Date()): Promise<MapPoint[]> {
    const points = await this.incidents.located(query, principal, now, MAP_LIMIT);
    const nowIso = now.toISOString();
    return points.flatMap((point) =>
      point.geo
        ? [
            {
              incidentId: point.incidentId,
              number: point.number,
              lat: point.geo.lat,
              lon: point.geo.lon,
              state: point.state,
              categoryCode: point.categoryCode,
              overdue: Boolean(point.open && point.nextDueAt && point.nextDueAt < nowIso),
            },
          ]
        : [],
    );
  }
}
