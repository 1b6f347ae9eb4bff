import { TOPICS } from '@otklik/contracts';
import { Principal } from '../access/principal';
import { IncidentListed } from '../projection/incident.store';
import { ClockView, IncidentRecord } from '../projection/incident.view';
import { PostView } from '../projection/post.reducer';
import { PostRecord } from '../projection/projection.schema';
import { inReadingOrder, TimelineEntry } from '../projection/timeline-entry';

/** One row of an incident list. */
export interface IncidentSummary {
  incidentId: string;
  number?: string;
  state: string;
  topicCode?: string;
  /** The topic's Russian name. */
  topicName?: string;
  urgency?: string;
  territoryCode?: string;
  placeName?: string;
  agencyId?: string;
  summary?: string;
  reviewNeeded: boolean;
  open: boolean;
  nextDueAt?: string;
  clocks: ClockView[];
  pendingAction?: { action: string; requestedAt: string };
  /** Set while the citizen is asked for a clarification. */
  clarification?: { requestedAt: string; reason?: string };
  answers: number;
  geo?: { lat: number; lon: number };
  createdAt: string;
  updatedAt: string;
}

/** The incident page: everything desk knows, in one answer. */
export interface IncidentDetail extends Omit<IncidentRecord, 'version' | 'timeline' | 'countedMetrics' | 'searchTokens'> {
  topicName?: string;
  posts: PostView[];
  timeline: TimelineEntry[];
}

/** Clocks that still matter: superseded ones live on only in the timeline. */
export function currentClocks(clocks: ClockView[]): ClockView[] {
  return clocks.filter((clock) => clock.status !== 'superseded');
}

/** Authors' display names are for the management centre; agencies see the pseudonym only. */
export function showsAuthorNames(principal: Principal): boolean {
  return principal.role === 'operator' || principal.role === 'supervisor' || principal.role === 'admin';
}

function withoutAuthorName(post: PostView): PostView {
  return post.author ? { ...post, author: { pseudonym: post.author.pseudonym } } : post;
}

function entryWithoutAuthorName(entry: TimelineEntry): TimelineEntry {
  if (entry.topic !== TOPICS.postReceived && entry.topic !== TOPICS.postEdited) return entry;
  return { ...entry, payload: { ...entry.payload, author: { pseudonym: entry.payload.author.pseudonym } } };
}

export function toSummary(incident: IncidentListed, label: (code: string) => string): IncidentSummary {
  return {
    incidentId: incident.incidentId,
    number: incident.number,
    state: incident.state,
    topicCode: incident.topicCode,
    topicName: incident.topicCode ? label(incident.topicCode) : undefined,
    urgency: incident.urgency,
    territoryCode: incident.territoryCode,
    placeName: incident.place?.name,
    agencyId: incident.agencyId,
    summary: incident.summary,
    reviewNeeded: incident.reviewNeeded,
    open: incident.open,
    nextDueAt: incident.nextDueAt,
    clocks: currentClocks(incident.clocks),
    answers: incident.answers.length,
    geo: incident.geo,
    pendingAction: incident.pendingAction && { action: incident.pendingAction.action, requestedAt: incident.pendingAction.requestedAt },
    clarification: incident.clarification,
    createdAt: incident.createdAt,
    updatedAt: incident.updatedAt,
  };
}

/** The detail view: the incident's own timeline merged with its posts' timelines, in reading order. */
export function toDetail(incident: IncidentRecord, posts: PostRecord[], principal: Principal, label: (code: string) => string): IncidentDetail {
  const view: Partial<IncidentRecord> = { ...incident };
  for (const internal of ['version', 'timeline', 'countedMetrics', 'searchTokens'] as const) delete view[internal];
  const seen = new Set<string>();
  const merged = inReadingOrder([...incident.timeline, ...posts.flatMap((post) => post.timeline)].filter((entry) => (seen.has(entry.eventId) ? false : (seen.add(entry.eventId), true))));
  const showNames = showsAuthorNames(principal);
  const order = new Map(incident.postIds.map((id, index) => [id, index]));
  const postViews = posts
    .map((record): PostView => {
      const post: Partial<PostRecord> = { ...record };
      delete post.version;
      delete post.timeline;
      return post as PostView;
    })
    .sort((a, b) => (order.get(a.postId) ?? 0) - (order.get(b.postId) ?? 0));
  return {
    ...(view as IncidentDetail),
    topicName: incident.topicCode ? label(incident.topicCode) : undefined,
    clocks: incident.clocks,
    posts: showNames ? postViews : postViews.map(withoutAuthorName),
    timeline: showNames ? merged : merged.map(entryWithoutAuthorName),
  };
}
