import { TOPICS } from '@otklik/contracts';
import { groupingKeysOf } from './post-grouping';
import { TimelineEntry } from './timeline-entry';

/** Events about one post (they carry its id); only a correction may name an incident too. */
const POST_TOPICS = [TOPICS.postReceived, TOPICS.postEdited, TOPICS.postDeleted, TOPICS.postDismissed, TOPICS.incidentClassified, TOPICS.classificationCorrected, TOPICS.postVerdict] as const;
type PostEntry = Extract<TimelineEntry, { topic: (typeof POST_TOPICS)[number] }>;

function isAboutPost(entry: TimelineEntry): entry is PostEntry {
  return (POST_TOPICS as readonly string[]).includes(entry.topic);
}

/** The post an event is about, if it is about one. */
export function postKeyOf(entry: TimelineEntry): string | undefined {
  return isAboutPost(entry) ? entry.payload.postId : undefined;
}

/** Incidents whose timeline an event belongs to (none for pure post events). */
export function incidentKeysOf(entry: TimelineEntry): string[] {
  if (entry.topic === TOPICS.classificationCorrected) return entry.payload.incidentId ? [entry.payload.incidentId] : [];
  if (isAboutPost(entry)) return [];
  const grouping = groupingKeysOf(entry);
  if (grouping) return grouping;
  switch (entry.topic) {
    case TOPICS.incidentSurge:
    case TOPICS.surgeEscalated:
      return entry.payload.incidentIds;
    case TOPICS.operatorActionRequested: {
      const { incidentId, targetIncidentId } = entry.payload;
      return targetIncidentId && targetIncidentId !== incidentId ? [incidentId, targetIncidentId] : [incidentId];
    }
    case TOPICS.notificationSent:
    case TOPICS.notificationFailed:
      return entry.payload.incidentId ? [entry.payload.incidentId] : [];
    default:
      return [entry.payload.incidentId];
  }
}
