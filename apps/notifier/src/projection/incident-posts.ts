import { IncidentMergedV1, IncidentPostAttachedV2, IncidentSplitV2, TOPICS } from '@otklik/contracts';

/** An event that changes which posts an incident holds after its routing. */
export type PostMovement =
  | { topic: typeof TOPICS.incidentPostAttached; payload: IncidentPostAttachedV2 }
  | { topic: typeof TOPICS.incidentMerged; payload: IncidentMergedV1 }
  | { topic: typeof TOPICS.incidentSplit; payload: IncidentSplitV2 };

/** What one incident gains and loses: the posts its answer is carried back under. */
export interface PostMembership {
  incidentId: string;
  /** Posts it holds, added to those known (a post that had left it is back). */
  add: string[];
  /** Posts that left it for another incident. */
  remove: string[];
}

/** The changes of membership an event announces, one per incident it concerns. */
export function membershipOf(event: PostMovement): PostMembership[] {
  switch (event.topic) {
    case TOPICS.incidentPostAttached:
      return [{ incidentId: event.payload.incidentId, add: event.payload.postIds, remove: [] }];
    case TOPICS.incidentMerged:
      // The merged incident is finished; nothing will be answered under it.
      return [{ incidentId: event.payload.intoIncidentId, add: event.payload.postIds, remove: [] }];
    case TOPICS.incidentSplit:
      return [
        { incidentId: event.payload.incidentId, add: [], remove: event.payload.splitPostIds },
        { incidentId: event.payload.newIncidentId, add: event.payload.splitPostIds, remove: [] },
      ];
  }
}

/**
 * Posts an answer goes under: those the incident holds less those that left it. Routing events
 * only ever add posts, so one that arrives late (after a split, on another topic) cannot bring a
 * post back that has left.
 */
export function answerablePostIds(incident: { postIds: readonly string[]; leftPostIds?: readonly string[] }): string[] {
  const left = new Set(incident.leftPostIds ?? []);
  return [...new Set(incident.postIds)].filter((postId) => !left.has(postId));
}
