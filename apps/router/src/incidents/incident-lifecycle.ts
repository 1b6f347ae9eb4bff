import { IncidentState } from '@otklik/contracts';
import { Decision } from '../routing/routing.model';
import { HistoryEntry, Incident } from './incident.model';

/**
 * The incident state machine: new → routed → acknowledged → interim answer → answered → closed,
 * with returned, rerouted, triage, dismissed and merged. Anything else is refused.
 */
export const TRANSITIONS: Readonly<Record<IncidentState, readonly IncidentState[]>> = {
  new: ['routed', 'triage', 'dismissed', 'merged'],
  triage: ['routed', 'rerouted', 'dismissed', 'merged'],
  routed: ['acknowledged', 'interim_answer', 'answered', 'returned', 'rerouted', 'triage', 'dismissed', 'merged'],
  rerouted: ['acknowledged', 'interim_answer', 'answered', 'returned', 'rerouted', 'triage', 'dismissed', 'merged'],
  acknowledged: ['interim_answer', 'answered', 'returned', 'rerouted', 'triage', 'dismissed', 'merged'],
  // A second interim answer moves the promised date; it stays an interim answer.
  interim_answer: ['interim_answer', 'answered', 'rerouted', 'triage', 'dismissed', 'merged'],
  answered: ['closed', 'rerouted', 'dismissed', 'merged'],
  returned: ['rerouted', 'triage'],
  closed: [],
  dismissed: [],
  merged: [],
};

/** A transition the state machine does not allow. */
export class IllegalTransitionError extends Error {
  constructor(readonly incidentId: string, readonly from: IncidentState, readonly to: IncidentState) {
    super(`incident ${incidentId}: cannot go from ${from} to ${to}`);
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
export function transition(incident: Incident, to: IncidentState, context: TransitionContext): { incident: Incident; change: StateChange } {
  const from = incident.state;
  if (!canTransition(from, to)) throw new IllegalTransitionError(incident.id, from, to);
  const entry: HistoryEntry = {
    at: context.at, type: 'state', from, to, actor: context.actor,
    ...(context.reason !== undefined && { reason: context.reason }),
    ...(context.agencyId !== undefined && { agencyId: context.agencyId }),
    ...(context.decision !== undefined && { decision: context.decision }),
  };
  const next: Incident = { ...incident, state: to, history: [...incident.history, entry] };
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
