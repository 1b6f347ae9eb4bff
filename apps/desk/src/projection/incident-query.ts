import { IncidentState, INCIDENT_STATES, Urgency } from '@otklik/contracts';
import { visibilityFilter } from '../access/access.policy';
import { Principal } from '../access/principal';
import { DeskError } from '../common/desk-error';
import { queryTokens } from '../search/search-tokens';

/** The operator's three queues. */
export const QUEUES = ['new', 'low_confidence', 'overdue'] as const;
export type Queue = (typeof QUEUES)[number];

export const SORTS = ['updated', 'due', 'created'] as const;
export type Sort = (typeof SORTS)[number];

/** Not yet taken by an agency: the management centre watches these. */
const WAITING_STATES: IncidentState[] = ['new', 'triage', 'routed', 'rerouted', 'returned'];

/** A list request in domain terms (the HTTP layer has validated the values). */
export interface IncidentQuery {
  q?: string;
  states?: IncidentState[];
  open?: boolean;
  queue?: Queue;
  agencyId?: string;
  /** A category of the taxonomy (`housing`). */
  categoryCode?: string;
  /** A topic of the taxonomy (`housing.heating`). */
  topicCode?: string;
  territoryCode?: string;
  urgency?: Urgency;
  hasGeo?: boolean;
  updatedSince?: string;
  sort?: Sort;
  limit: number;
  offset: number;
}

type Filter = Record<string, unknown>;

/** Mongo condition of one queue at `now`. */
export function queueFilter(queue: Queue, now: Date): Filter {
  switch (queue) {
    case 'new':
      return { open: true, state: { $in: WAITING_STATES } };
    case 'low_confidence':
      return { reviewNeeded: true };
    case 'overdue':
      return { open: true, nextDueAt: { $lt: now.toISOString() } };
  }
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The Mongo filter of a list request, always narrowed to what the principal may see. Search
 * asks for every stem of the query in the incident's token index (see search/search-tokens.ts).
 */
export function buildIncidentFilter(query: IncidentQuery, principal: Principal, now: Date): Filter {
  const parts: Filter[] = [visibilityFilter(principal)];
  if (query.q !== undefined) {
    const tokens = queryTokens(query.q);
    if (tokens.length === 0) throw DeskError.invalid('q', 'has no word to search for (stop words and single letters are ignored)');
    parts.push({ searchTokens: { $all: tokens } });
  }
  if (query.states?.length) parts.push({ state: { $in: query.states } });
  if (query.open !== undefined) parts.push({ open: query.open });
  if (query.queue) parts.push(queueFilter(query.queue, now));
  if (query.agencyId) parts.push({ $or: [{ agencyId: query.agencyId }, { coExecutorIds: query.agencyId }] });
  if (query.categoryCode) parts.push({ categoryCode: query.categoryCode });
  if (query.topicCode) parts.push({ topicCode: query.topicCode });
  if (query.territoryCode) parts.push({ territoryCode: { $regex: `^${escapeRegex(query.territoryCode)}` } });
  if (query.urgency) parts.push({ urgency: query.urgency });
  if (query.hasGeo !== undefined) parts.push({ geo: query.hasGeo ? { $exists: true, $ne: null } : { $in: [null] } });
  if (query.updatedSince) parts.push({ updatedAt: { $gt: query.updatedSince } });
  const meaningful = parts.filter((part) => Object.keys(part).length > 0);
  if (meaningful.length === 0) return {};
  return meaningful.length === 1 ? (meaningful[0] as Filter) : { $and: meaningful };
}

/** Sort order of a list request; the incident id breaks ties so pages do not overlap. */
export function sortOf(sort: Sort | undefined): Record<string, 1 | -1> {
  switch (sort) {
    case 'due':
      return { dueOrder: 1, incidentId: 1 };
    case 'created':
      return { createdAt: -1, incidentId: 1 };
    default:
      return { updatedAt: -1, incidentId: 1 };
  }
}

/** Parses a comma-separated list of states, naming the first unknown one. */
export function parseStates(raw: string): IncidentState[] {
  const states = raw
    .split(',')
    .map((state) => state.trim())
    .filter(Boolean);
  for (const state of states) {
    if (!(INCIDENT_STATES as readonly string[]).includes(state)) {
      throw DeskError.invalid('state', `unknown state "${state}"; one of ${INCIDENT_STATES.join(', ')}`);
    }
  }
  return states as IncidentState[];
}
