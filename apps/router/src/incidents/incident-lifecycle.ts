import { CLARIFIABLE_STATES, IncidentState, StateChangeReasonCode } from '@otklik/contracts';
import { Decision } from '../routing/routing.model';
import { HistoryEntry, Incident } from './incident.model';

/**
 * The incident state machine: new → routed → acknowledged → interim answer → answered → closed,
 * with returned, rerouted, triage, dismissed and merged, and answered → acknowledged when the
 * citizen disputes the answer. Anything else is refused.
 */
export const TRANSITIONS: Readonly<Record<IncidentState, readonly IncidentState[]>> = {
  new: ['routed', 'triage', 'dismissed', 'merged'],
  triage: ['routed', 'rerouted', 'dismissed', 'merged'],
  routed: ['acknowledged', 'interim_answer', 'answered', 'returned', 'rerouted', 'triage', 'dismissed', 'merged'],
  rerouted: ['acknowledged', 'interim_answer', 'answered', 'returned', 'rerouted', 'triage', 'dismissed', 'merged'],
  acknowledged: ['interim_answer', 'answered', 'returned', 'rerouted', 'triage', 'dismissed', 'merged'],
  // A second interim answer moves the promised date; it stays an interim answer.
  interim_answer: ['interim_answer', 'answered', 'rerouted', 'triage', 'dismissed', 'merged'],
  // The citizen disputed the answer: the agency holds the incident again (citizen_disputed).
  answered: ['closed', 'acknowledged', 'rerouted', 'dismissed', 'merged'],
  returned: ['rerouted', 'triage'],
  closed: [],
  dismissed: [],
  merged: [],
};

/** A transition the state machine does not allow. */
export class IllegalTransitionError extends Error {
  constructor(
    readonly incidentId: string,
    readonly from: IncidentState,
    readonly to: IncidentState,
    why?: string,
  ) {
    super(`incident ${incidentId}: cannot go from ${from} to ${to}${why ? `: ${why}` : ''}`);
    this.name = 'IllegalTransitionError';
  }
}

export function canTransition(from: IncidentState, to: IncidentState): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Who, when and why of a transition. */
export interface TransitionContext {
  actor: string;
  at: Date;
  reason?: string;
  /** Machine-readable reason, for the clocks (see STATE_CHANGE_REASON_CODES). */
  reasonCode?: StateChangeReasonCode;
  /** The agency holding the incident after the change (routing transitions). */
  agencyId?: string;
  coExecutorIds?: string[];
  decision?: Decision;
  mergedInto?: string;
}

/** A state change that happened, for the history and the state-changed event. */
export interface StateChange {
  from: IncidentState;
  to: IncidentState;
  context: TransitionContext;
}

/** Applies a transition; returns the changed incident (the input is not modified) and the change. */
export function transition(incident: Incident, to: IncidentState, given: TransitionContext): { incident: Incident; change: StateChange } {
  const from = incident.state;
  if (!canTransition(from, to)) throw new IllegalTransitionError(incident.id, from, to);
  // Taking the incident does not bring the citizen's clarification: the wait goes on, and the
  // change says so, so that clocks stay paused. Any other change ends the wait.
  const waiting = incident.clarification !== undefined && to === 'acknowledged';
  const context: TransitionContext = waiting && given.reasonCode === undefined ? { ...given, reasonCode: 'awaiting_clarification' } : given;
  const next: Incident = { ...incident, state: to, history: [...incident.history, historyEntry(from, to, context)], clarification: waiting ? incident.clarification : undefined };
  if (context.decision) {
    next.decision = context.decision;
    next.agencyId = context.agencyId ?? context.decision.agencyId;
    next.coExecutorIds = context.coExecutorIds ?? context.decision.coExecutorIds;
    next.routedAt = context.at;
  }
  if (to === 'answered') next.answeredAt = context.at;
  if (to === 'merged') next.mergedInto = context.mergedInto;
  return { incident: next, change: { from, to, context } };
}

function historyEntry(from: IncidentState, to: IncidentState, context: TransitionContext): HistoryEntry {
  return {
    at: context.at,
    type: 'state',
    from,
    to,
    actor: context.actor,
    ...(context.reason !== undefined && { reason: context.reason }),
    ...(context.reasonCode !== undefined && { reasonCode: context.reasonCode }),
    ...(context.agencyId !== undefined && { agencyId: context.agencyId }),
    ...(context.decision !== undefined && { decision: context.decision }),
  };
}

/** A clarification asked of the citizen, or received from them. */
export type ClarificationStep = 'awaiting_clarification' | 'clarification_received';

/** Why `step` cannot be taken now, or undefined when it can. */
export function clarificationRefusal(incident: Incident, step: ClarificationStep): string | undefined {
  if (!CLARIFIABLE_STATES.includes(incident.state)) return `no clarification in state ${incident.state}`;
  if (step === 'awaiting_clarification' && incident.clarification) {
    return `incident ${incident.number} already awaits a clarification asked at ${incident.clarification.requestedAt.toISOString()}`;
  }
  if (step === 'clarification_received' && !incident.clarification) return `incident ${incident.number} awaits no clarification`;
  return undefined;
}

/**
 * Records a clarification asked or received. The state stays (`from` = `to`); the change is in
 * the history and the state-changed event with its reason code, on which clocks pause and resume.
 */
export function clarify(incident: Incident, step: ClarificationStep, context: TransitionContext): { incident: Incident; change: StateChange } {
  const refusal = clarificationRefusal(incident, step);
  if (refusal) throw new IllegalTransitionError(incident.id, incident.state, incident.state, refusal);
  const withCode: TransitionContext = { ...context, reasonCode: step };
  const state = incident.state;
  const next: Incident = {
    ...incident,
    history: [...incident.history, historyEntry(state, state, withCode)],
    clarification: step === 'awaiting_clarification' ? { requestedAt: context.at, actor: context.actor, reason: context.reason ?? '' } : undefined,
  };
  return { incident: next, change: { from: state, to: state, context: withCode } };
}
