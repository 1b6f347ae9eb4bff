import { TOPICS } from '@otklik/contracts';
import type { TimelineEntry } from '../projection/timeline-entry';

/**
 * What an agency did in one incident that its monthly quality rating counts (see
 * docs/ratings.md): incidents it received, answers it gave and those flagged as formal
 * non-answers, clocks reopened, the citizens' confirmations and disputes, and returns charged to it.
 */
export const QUALITY_MEASURES = ['received', 'answers', 'flagged', 'reopened', 'disputed', 'confirmed', 'misrouted'] as const;
export type QualityMeasure = (typeof QUALITY_MEASURES)[number];

/** One counted fact: `item` tells it from the incident's other facts of the same measure. */
export interface QualityFact {
  agencyId: string;
  measure: QualityMeasure;
  /** When it happened (ISO 8601). */
  at: string;
  item: string;
}

function fromEntry(entry: TimelineEntry): QualityFact | undefined {
  const fact = (agencyId: string, measure: QualityMeasure, at = entry.at, item = entry.eventId): QualityFact => ({ agencyId, measure, at, item });
  switch (entry.topic) {
    case TOPICS.incidentRouted:
    case TOPICS.incidentRerouted:
      return entry.payload.decision.method === 'triage' ? undefined : fact(entry.payload.agencyId, 'received');
    case TOPICS.agencyAnswered:
      return fact(entry.payload.agencyId, 'answers', entry.payload.answeredAt, entry.payload.answerId);
    case TOPICS.answerFlagged:
      return fact(entry.payload.agencyId, 'flagged', entry.at, entry.payload.answerId);
    case TOPICS.slaReopened:
      return fact(entry.payload.agencyId, 'reopened');
    case TOPICS.incidentStateChanged: {
      const { reasonCode, agencyId } = entry.payload;
      if (!agencyId) return undefined;
      if (reasonCode === 'citizen_disputed') return fact(agencyId, 'disputed');
      if (reasonCode === 'citizen_confirmed') return fact(agencyId, 'confirmed');
      return undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Returns charged to the agency: the misroute policy charged it lost time (it held the incident
 * past its grace), or the incident later came back to it (the return was unjustified).
 */
function chargedReturns(timeline: readonly TimelineEntry[]): QualityFact[] {
  const facts: QualityFact[] = [];
  timeline.forEach((entry, index) => {
    if (entry.topic !== TOPICS.incidentReturned) return;
    const { agencyId } = entry.payload;
    const cameBack = timeline.slice(index + 1).some((later) => (later.topic === TOPICS.incidentRerouted || later.topic === TOPICS.incidentRouted) && later.payload.agencyId === agencyId);
    if ((entry.payload.agencyChargedMinutes ?? 0) > 0 || cameBack) facts.push({ agencyId, measure: 'misrouted', at: entry.at, item: entry.eventId });
  });
  return facts;
}

/** Every quality fact of an incident's timeline. */
export function qualityFacts(timeline: readonly TimelineEntry[]): QualityFact[] {
  return [...timeline.flatMap((entry) => fromEntry(entry) ?? []), ...chargedReturns(timeline)];
}
