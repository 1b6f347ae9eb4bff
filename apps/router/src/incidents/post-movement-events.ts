import { EventCause, TOPICS } from '@otklik/contracts';
import { factsOf, incidentEvent } from './incident-events';
import { Incident, OutgoingEvent } from './incident.model';

/** incident-post-attached: `postId` joined `incident` (already holding it). */
export function postAttachedEvent(incident: Incident, post: { postId: string; duplicateOf?: string; reason: string; at: Date }, cause: EventCause): OutgoingEvent {
  return incidentEvent(
    TOPICS.incidentPostAttached,
    incident.id,
    {
      ...factsOf(incident),
      postId: post.postId,
      ...(post.duplicateOf !== undefined && { duplicateOf: post.duplicateOf }),
      reason: post.reason,
      attachedAt: post.at.toISOString(),
    },
    cause,
    post.at,
  );
}

/** incident-merged: `merged` went into `into` (which holds its posts now); keyed by the merged incident. */
export function mergedEvent(merged: Incident, into: Incident, act: { actor: string; reason: string; at: Date }, cause: EventCause): OutgoingEvent {
  return incidentEvent(
    TOPICS.incidentMerged,
    merged.id,
    {
      incidentId: merged.id,
      number: merged.number,
      intoIncidentId: into.id,
      intoNumber: into.number,
      movedPostIds: merged.postIds,
      postIds: into.postIds,
      actor: act.actor,
      reason: act.reason,
      mergedAt: act.at.toISOString(),
    },
    cause,
    act.at,
  );
}

/** incident-split: `postIds` left `shrunk` (which no longer holds them) for `created`. */
export function splitEvent(shrunk: Incident, created: Incident, act: { postIds: string[]; actor: string; reason: string; at: Date }, cause: EventCause): OutgoingEvent {
  return incidentEvent(
    TOPICS.incidentSplit,
    shrunk.id,
    {
      ...factsOf(shrunk),
      splitPostIds: act.postIds,
      newIncidentId: created.id,
      newNumber: created.number,
      actor: act.actor,
      reason: act.reason,
      splitAt: act.at.toISOString(),
    },
    cause,
    act.at,
  );
}
