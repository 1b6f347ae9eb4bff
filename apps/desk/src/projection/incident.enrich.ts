import { identifierTokens, searchTokens } from '../search/search-tokens';
import { FINISHED_STATES } from './incident.reducer';
import { IncidentCore, IncidentView } from './incident.view';
import { effectiveTopicCode, PostView } from './post.reducer';

/** What enrichment needs beyond the events. */
export interface EnrichOptions {
  /** Below this confidence a classification or a routing is sent to review. */
  lowConfidence: number;
  /** Russian names of a topic code (category and topic), so that «отопление» finds `housing.heating`. */
  topicNames: (code: string) => string[];
}

const SUMMARY_CHARS = 280;
/** Sorts after every ISO date. */
const NO_DEADLINE = '~';

function summaryOf(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > SUMMARY_CHARS ? `${flat.slice(0, SUMMARY_CHARS - 1)}…` : flat;
}

/**
 * Review is needed while nobody has corrected the classification and either the classifier
 * asked for it, a confidence is under the threshold, or the router fell back to triage.
 */
export function needsReview(incident: IncidentCore, primary: PostView | undefined, threshold: number): boolean {
  if (incident.correctedAt || FINISHED_STATES.has(incident.state)) return false;
  const classification = primary?.classification;
  if (classification && !classification.correction) {
    if (classification.needsReview) return true;
    if (classification.topicCode.confidence < threshold || classification.kind.confidence < threshold) return true;
  }
  if (incident.routing) return incident.routing.method === 'triage' || incident.routing.confidence < threshold;
  return false;
}

/** Earliest deadline among clocks still waiting for an answer. */
export function nextDueAt(incident: IncidentCore): string | undefined {
  if (FINISHED_STATES.has(incident.state)) return undefined;
  const due = incident.clocks
    .filter((clock) => clock.status === 'running' || clock.status === 'breached')
    .map((clock) => clock.dueAt)
    .sort();
  return due[0];
}

/** The stored view of an incident: its core plus what its posts tell (text, place, classification). */
export function enrichIncident(core: IncidentCore, posts: PostView[], options: EnrichOptions): IncidentView {
  const due = nextDueAt(core);
  const byId = new Map(posts.map((post) => [post.postId, post]));
  const ordered = core.postIds.map((id) => byId.get(id)).filter((post): post is PostView => post !== undefined);
  const primary = ordered[0];
  const topicCode = core.topicCode ?? effectiveTopicCode(primary?.classification);
  const place = core.place ?? primary?.classification?.place;
  const geo = place?.geo ?? ordered.find((post) => post.geo)?.geo;
  const territoryCode = place?.territoryCode ?? core.regionCode;
  const tokens = new Set([
    ...identifierTokens([core.number, core.incidentId, core.agencyId, topicCode]),
    ...searchTokens([
      core.number,
      topicCode,
      ...ordered.map((post) => post.text),
      place?.name,
      place?.address,
      ...(topicCode ? options.topicNames(topicCode) : []),
      ...core.answers.map((answer) => answer.text),
    ]),
  ]);
  return {
    ...core,
    topicCode,
    place,
    summary: summaryOf(primary?.text),
    classification: primary?.classification,
    geo,
    territoryCode,
    categoryCode: topicCode?.split('.')[0],
    reviewNeeded: needsReview(core, primary, options.lowConfidence),
    open: !FINISHED_STATES.has(core.state),
    nextDueAt: due,
    dueOrder: due ?? NO_DEADLINE,
    searchTokens: [...tokens],
  };
}
