import { EventEnvelope, IncidentState, LegalRegime, StateChangeReasonCode, TopicName, Urgency } from '@otklik/contracts';
import { Decision } from '../routing/routing.model';

/** Where the problem is, as the classifier resolved it. */
export interface IncidentPlace {
  territoryCode?: string;
  name?: string;
  address?: string;
  geo?: { lat: number; lon: number };
}

/** One line of an incident's history. */
export interface HistoryEntry {
  at: Date;
  /** `state` for a state change; other kinds record what did not change the state. */
  type: 'state' | 'post_linked' | 'post_unlinked' | 'merged_in' | 'note';
  from?: IncidentState;
  to?: IncidentState;
  /** User id, `agency:<id>` or the service (`router`). */
  actor: string;
  reason?: string;
  reasonCode?: StateChangeReasonCode;
  agencyId?: string;
  postIds?: string[];
  decision?: Decision;
}

/** An agency's "not our competence", with the time it cost and who is charged for it. */
export interface ReturnRecord {
  agencyId: string;
  reason: string;
  routedAt: Date;
  returnedAt: Date;
  decision: Decision;
  lostMinutes: number;
  /** Set when the incident later came back to the agency that returned it. */
  unjustified?: boolean;
}

/** A clarification asked of the citizen and not yet received. */
export interface PendingClarification {
  requestedAt: Date;
  /** `<role>:<user id>` of whoever asked. */
  actor: string;
  /** What was asked. */
  reason: string;
}

/** An event waiting in the incident's outbox until the broker has it. */
export interface OutgoingEvent {
  topic: TopicName;
  key: string;
  envelope: EventEnvelope;
}

/** The incident (a ticket): one problem, its posts, where it went and what happened. */
export interface Incident {
  id: string;
  /** `78-2026-000123`: subject code, year in the region's zone, sequence in that region-year. */
  number: string;
  /** Region key (`40`), see `regionKeyOf`. */
  regionCode: string;
  /** Taxonomy topic code (`housing.heating`). */
  topicCode: string;
  urgency: Urgency;
  /** Legal regime it is answered under: its first post's. Absent on incidents stored before regimes were carried. */
  regime?: LegalRegime;
  place?: IncidentPlace;
  /** The resolved territory and its ancestors, innermost first; empty when unknown. */
  territoryPath: string[];
  postIds: string[];
  state: IncidentState;
  agencyId?: string;
  coExecutorIds: string[];
  decision?: Decision;
  /** Alternatives for when the agency returns it, best first. */
  candidates: Decision[];
  /** What learned routing suggested at the first decision. */
  suggestions: Decision[];
  /** Agencies that returned it. */
  returns: ReturnRecord[];
  rerouteCount: number;
  history: HistoryEntry[];
  createdAt: Date;
  lastPostAt: Date;
  routedAt?: Date;
  answeredAt?: Date;
  mergedInto?: string;
  /** Set while the citizen has been asked for a clarification that has not come yet. */
  clarification?: PendingClarification;
  /** Optimistic concurrency: every save must find the version it read. */
  version: number;
}

/** States that end an incident's life. */
export const TERMINAL_STATES: readonly IncidentState[] = ['closed', 'dismissed', 'merged'];

/** States in which an agency holds the incident and must act. */
export const HELD_STATES: readonly IncidentState[] = ['routed', 'rerouted', 'acknowledged', 'interim_answer'];

/** The territory code of an incident, if its place was resolved. */
export function territoryOf(incident: Pick<Incident, 'territoryPath'>): string | undefined {
  return incident.territoryPath[0];
}
