import { TOPICS } from '@otklik/contracts';
import type { IncidentCore } from './incident.view';
import { TimelineEntry } from './timeline-entry';

/** A post that joined the incident after it was opened. */
export interface JoinedPost {
  postId: string;
  at: string;
  /** `grouped`: the router found it the same problem (or a near-duplicate); `merged`: it came with a merged incident. */
  how: 'grouped' | 'merged';
  duplicateOf?: string;
  /** The incident it came with (merges). */
  fromIncidentId?: string;
  fromNumber?: string;
}

/** Another incident a merge or split names, with the posts that moved. */
export interface IncidentLink {
  incidentId: string;
  number: string;
  postIds: string[];
  at: string;
}

/** How the incident's posts came together and went apart. */
export interface GroupingView {
  joined: JoinedPost[];
  /** Incidents merged into this one. */
  mergedFrom: IncidentLink[];
  /** The incident this one was merged into. */
  mergedInto?: IncidentLink;
  /** Incidents split out of this one. */
  splitInto: IncidentLink[];
  /** The incident this one was split out of. */
  splitFrom?: IncidentLink;
}

type GroupingEntry = Extract<TimelineEntry, { topic: typeof TOPICS.incidentPostAttached | typeof TOPICS.incidentMerged | typeof TOPICS.incidentSplit }>;

function isGroupingEntry(entry: TimelineEntry): entry is GroupingEntry {
  return entry.topic === TOPICS.incidentPostAttached || entry.topic === TOPICS.incidentMerged || entry.topic === TOPICS.incidentSplit;
}

function grouping(incident: IncidentCore): GroupingView {
  return incident.grouping ?? { joined: [], mergedFrom: [], splitInto: [] };
}

function joining(incident: IncidentCore, postIds: string[], posts: JoinedPost[], change: Partial<GroupingView> = {}): IncidentCore {
  const current = grouping(incident);
  const fresh = posts.filter((post) => !current.joined.some((j) => j.postId === post.postId && j.at === post.at));
  return { ...incident, postIds, grouping: { ...current, ...change, joined: [...current.joined, ...fresh] } };
}

/** The incidents an attach, merge or split belongs to (both ends of a merge or split). */
export function groupingKeysOf(entry: TimelineEntry): string[] | undefined {
  if (!isGroupingEntry(entry)) return undefined;
  switch (entry.topic) {
    case TOPICS.incidentPostAttached:
      return [entry.payload.incidentId];
    case TOPICS.incidentMerged:
      return [entry.payload.incidentId, entry.payload.intoIncidentId];
    case TOPICS.incidentSplit:
      return [entry.payload.incidentId, entry.payload.newIncidentId];
  }
}

/** Folds a post attached, an incident merged or split into the incident it concerns. */
export function applyGrouping(incident: IncidentCore, entry: TimelineEntry): IncidentCore {
  if (!isGroupingEntry(entry)) return incident;
  const at = entry.at;
  switch (entry.topic) {
    case TOPICS.incidentPostAttached: {
      const p = entry.payload;
      if (p.incidentId !== incident.incidentId) return incident;
      return joining({ ...incident, number: p.number }, p.postIds, [{ postId: p.postId, at, how: 'grouped', ...(p.duplicateOf && { duplicateOf: p.duplicateOf }) }]);
    }
    case TOPICS.incidentMerged: {
      const p = entry.payload;
      if (p.incidentId === incident.incidentId) {
        return { ...incident, mergedInto: p.intoIncidentId, grouping: { ...grouping(incident), mergedInto: { incidentId: p.intoIncidentId, number: p.intoNumber, postIds: p.movedPostIds, at } } };
      }
      if (p.intoIncidentId !== incident.incidentId) return incident;
      const moved = p.movedPostIds.map((postId): JoinedPost => ({ postId, at, how: 'merged', fromIncidentId: p.incidentId, fromNumber: p.number }));
      const from = { incidentId: p.incidentId, number: p.number, postIds: p.movedPostIds, at };
      return joining(incident, p.postIds, moved, { mergedFrom: [...grouping(incident).mergedFrom.filter((m) => m.incidentId !== p.incidentId), from] });
    }
    case TOPICS.incidentSplit: {
      const p = entry.payload;
      if (p.newIncidentId === incident.incidentId) {
        // The new incident's own routing names the same posts; until it is read, the split does.
        const postIds = [...new Set([...incident.postIds, ...p.splitPostIds])];
        return { ...incident, postIds, grouping: { ...grouping(incident), splitFrom: { incidentId: p.incidentId, number: p.number, postIds: p.splitPostIds, at } } };
      }
      if (p.incidentId !== incident.incidentId) return incident;
      const current = grouping(incident);
      const into = { incidentId: p.newIncidentId, number: p.newNumber, postIds: p.splitPostIds, at };
      return { ...incident, postIds: p.postIds, grouping: { ...current, splitInto: [...current.splitInto.filter((s) => s.incidentId !== p.newIncidentId), into] } };
    }
  }
}

/**
 * The posts the incident holds once its whole timeline is folded. A routing event states the
 * posts it knew when it was built: one that falls earlier in time than a post's joining (clocks
 * of two services) must not drop it. So every post that joined counts unless a later split took it.
 */
export function settlePosts(incident: IncidentCore): IncidentCore {
  const view = incident.grouping;
  if (!view) return incident;
  const lastMove = new Map<string, { at: string; in: boolean }>();
  const move = (postId: string, at: string, into: boolean) => {
    const known = lastMove.get(postId);
    if (!known || known.at <= at) lastMove.set(postId, { at, in: into });
  };
  for (const joined of view.joined) move(joined.postId, joined.at, true);
  for (const split of view.splitInto) for (const postId of split.postIds) move(postId, split.at, false);
  const postIds = [...new Set([...incident.postIds, ...[...lastMove].filter(([, m]) => m.in).map(([postId]) => postId)])].filter((postId) => lastMove.get(postId)?.in !== false);
  return { ...incident, postIds };
}

/** Posts gathered into the incident by the router, each with the day it joined: the dashboards count them. */
export function groupedPosts(incident: Pick<IncidentCore, 'grouping'>): JoinedPost[] {
  return (incident.grouping?.joined ?? []).filter((post) => post.how === 'grouped');
}
