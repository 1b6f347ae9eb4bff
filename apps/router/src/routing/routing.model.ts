import { Urgency } from '@otklik/contracts';

/** How an agency was chosen (the contract's `RoutingDecision.method`). */
export type DecisionMethod = 'rule' | 'history' | 'operator' | 'triage';

/** One routing choice, with its reason. */
export interface Decision {
  method: DecisionMethod;
  agencyId: string;
  coExecutorIds: string[];
  ruleId?: string;
  /** 1 for rules and operators; the learned probability for history. */
  confidence: number;
  explanation: string;
}

/** What the router knows of an incident when it decides. */
export interface RoutingInput {
  topicCode: string;
  /** The classifier's confidence in the topic code. */
  topicConfidence: number;
  /** Extra, finer topic keys when the source has them (a portal's own reasons). */
  sourceLabels?: string[];
  /** Resolved territory; absent when the place is unknown. */
  territoryCode?: string;
  /** Region the incident is counted in, for triage when the territory is unknown. */
  regionCode?: string;
  text: string;
  urgency: Urgency;
  at: Date;
}

/** The outcome: an agency or the triage queue, the alternatives, and what history thought. */
export interface RoutingOutcome {
  /** `agency` when a rule or history decided; `triage` when a human must. */
  kind: 'agency' | 'triage';
  /** The decision; for triage, the management centre that owns the queue (when known). */
  decision?: Decision;
  /** Why triage, when it is triage. */
  triageReason?: string;
  /** Other agencies to try, best first, when the chosen one returns the incident. */
  candidates: Decision[];
  /** Every learned suggestion, kept with the decision even when a rule won. */
  suggestions: Decision[];
}
