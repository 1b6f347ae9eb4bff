import type { AnswerKind, ClockPhase, IncidentState, RoutingDecision, Urgency } from '@otklik/contracts';
import type { GroupingView } from './post-grouping';
import type { ClassificationView } from './post.reducer';
import type { TimelineEntry } from './timeline-entry';

/** One SLA clock of an incident, as the sla-tracker reported it. */
export interface ClockView {
  phase: ClockPhase;
  agencyId: string;
  policy: string;
  dueAt: string;
  startedAt: string;
  workingMinutes?: number;
  roundTheClock?: boolean;
  calendarKnown?: boolean;
  /** `paused`: not counting (see `pause`); `superseded`: armed again (after a reroute), kept for the record. */
  status: 'running' | 'paused' | 'breached' | 'met' | 'superseded';
  /** While paused: since when, why (the state or reason code), the status it returns to and the working minutes used. */
  pause?: ClockPause;
  warnings: number[];
  breachedAt?: string;
  answeredAt?: string;
  onTime?: boolean;
  workingMinutesTaken?: number;
  escalations: number;
}

/** Why and since when a clock is not counting; its deadline is unknown until it resumes. */
export interface ClockPause {
  since: string;
  /** The incident state or state-change reason code that paused it, e.g. `awaiting_clarification`, `returned`, `triage`. */
  reason: string;
  /** A clock paused after its breach stays breached when it resumes. */
  resumesAs: 'running' | 'breached';
  usedWorkingMinutes: number;
}

/** An agency's answer and what became of it. */
export interface AnswerView {
  answerId: string;
  kind: AnswerKind;
  text: string;
  promisedBy?: string;
  photos: { type: string; url: string }[];
  agencyId: string;
  actor: { userId: string; role: string };
  answeredAt: string;
  flagged?: { scorePercent: number; reasons: string[]; held: boolean };
  published: { platform: string; postId: string; externalReplyId: string; publishedAt: string }[];
}

/** Why the incident is where it is. */
export interface RoutingView {
  method: RoutingDecision['method'];
  ruleId?: string;
  confidence: number;
  explanation: string;
  agencyId: string;
  coExecutorIds: string[];
  routedAt: string;
  previousAgencyId?: string;
}

/** What the router said of the incident, folded from its events. */
export interface IncidentCore {
  incidentId: string;
  number?: string;
  state: IncidentState;
  /** Correlation id of the incident's first event: desk's own events carry it on. */
  correlationId?: string;
  /** Id of the latest event: desk's commands name it as their cause. */
  lastEventId?: string;
  topicCode?: string;
  urgency?: Urgency;
  place?: { territoryCode: string; name?: string; address?: string; geo?: { lat: number; lon: number } };
  regionCode?: string;
  postIds: string[];
  agencyId?: string;
  coExecutorIds: string[];
  routing?: RoutingView;
  rerouteCount: number;
  returnCount: number;
  clocks: ClockView[];
  answers: AnswerView[];
  acknowledgedAt?: string;
  mergedInto?: string;
  /** Posts that joined after it was opened, and the incidents merged into it or split out of it. */
  grouping?: GroupingView;
  /** Set when an operator corrected the classification; it clears the review flag. */
  correctedAt?: string;
  surgeAt?: string;
  /** A clarification asked of the citizen and not received yet: clocks that wait for the citizen are paused. */
  clarification?: { requestedAt: string; reason?: string };
  /** Operator request the router has not acted on yet, shown as pending. */
  pendingAction?: { action: string; requestedAt: string; eventId: string };
  createdAt: string;
  updatedAt: string;
}

/** The stored incident: the core plus what its posts add, ready to list, filter and search. */
export interface IncidentView extends IncidentCore {
  /** Opening words of the first post. */
  summary?: string;
  classification?: ClassificationView;
  geo?: { lat: number; lon: number };
  territoryCode?: string;
  /** The category of `topicCode`, e.g. `housing`: the list filters and dashboards count by it. */
  categoryCode?: string;
  reviewNeeded: boolean;
  open: boolean;
  /** Earliest deadline of a clock still running or breached (a paused one has none): the overdue queue is `nextDueAt < now`. */
  nextDueAt?: string;
  /** nextDueAt, or a value after every date when there is none: Mongo sorts missing values first. */
  dueOrder: string;
  searchTokens: string[];
}

/** The stored incident document. */
export interface IncidentRecord extends IncidentView {
  /** The incident's id again: the stored document's key. */
  _id?: string;
  version: number;
  timeline: TimelineEntry[];
  /** Dashboard counters this incident has already added to (see dashboards/metrics.ts). */
  countedMetrics: string[];
}
