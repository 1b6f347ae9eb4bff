import type { Principal } from '../access/principal';
import type { IncidentQuery, Queue } from './incident-query';
import type { IncidentRecord } from './incident.view';

/** An incident without what only the read model itself needs (timeline, token index, counted metrics). */
export type IncidentListed = Omit<IncidentRecord, 'timeline' | 'searchTokens' | 'countedMetrics' | 'version'>;

/** What the map draws of an incident. */
export type IncidentPoint = Pick<IncidentRecord, 'incidentId' | 'number' | 'geo' | 'state' | 'categoryCode' | 'nextDueAt' | 'open'>;

/** A public listing (Open311): by ids or numbers, or by when they came, what about and whether open. */
export interface PublicIncidentQuery {
  idsOrNumbers?: string[];
  createdFrom?: Date;
  createdTo?: Date;
  categoryCode?: string;
  topicCode?: string;
  open?: boolean;
  limit: number;
}

/** The change of one incident: the fields to set, or undefined for "nothing to change". */
export type IncidentChange = (current: IncidentRecord | undefined) => Promise<Partial<IncidentRecord> | undefined>;

/**
 * Where desk's incidents are kept: folded from events by the projection, read by the console's
 * lists, the map, Open311 and the dashboard counters. Lists are narrowed to what the principal
 * may see.
 */
export abstract class IncidentStore {
  /**
   * Read-modify-write of one incident: `change` sees what is stored and the write lands only if
   * nobody changed it meanwhile (else it is read and computed again). Returns the incident as
   * stored after the change, what was there when nothing changed, or undefined.
   */
  abstract update(incidentId: string, change: IncidentChange): Promise<IncidentRecord | undefined>;
  /** The incident by its id or, failing that, by its number (`78-2026-000123`). */
  abstract find(idOrNumber: string): Promise<IncidentRecord | undefined>;
  /** As `find`, without what only the read model needs (its timeline above all). */
  abstract findListed(idOrNumber: string): Promise<IncidentListed | undefined>;
  /** One page of a list request, and how many match it. */
  abstract list(query: IncidentQuery, principal: Principal, now: Date): Promise<{ items: IncidentListed[]; total: number }>;
  /** How many incidents the principal may see wait in each queue. */
  abstract queueSizes(principal: Principal, now: Date): Promise<Record<Queue, number>>;
  /** Incidents with coordinates matching a list request, at most `limit`. */
  abstract located(query: IncidentQuery, principal: Principal, now: Date, limit: number): Promise<IncidentPoint[]>;
  /** A public listing, newest first. */
  abstract listPublic(query: PublicIncidentQuery): Promise<IncidentListed[]>;
  /** Ids of the incidents holding the post. */
  abstract holding(postId: string): Promise<string[]>;
  /** Records that the incident holds these posts (before the incident is stored: see PostLinks). */
  abstract link(incidentId: string, postIds: readonly string[]): Promise<void>;
  /** Marks a dashboard counter key as counted for the incident; false when it was already. */
  abstract markCounted(incidentId: string, key: string): Promise<boolean>;
  /** Takes the mark away; false when it was not there. */
  abstract unmarkCounted(incidentId: string, key: string): Promise<boolean>;
  /** The counted keys of every incident, one incident at a time. */
  abstract countedMetrics(): AsyncIterable<string[]>;
}
