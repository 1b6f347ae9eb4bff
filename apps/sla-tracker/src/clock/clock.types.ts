import { ClockPhase, Urgency } from '@otklik/contracts';
import { PolicySet } from '../policies/policy-set';
import { Regime } from '../policies/policy.types';
import { WorkClock } from '../working-time/working-time';

/**
 * running → (warnings) → breached → (escalations); paused stops the count; met when the answer
 * the phase waits for came; closed when the incident ended without one.
 */
export type ClockStatus = 'running' | 'paused' | 'breached' | 'met' | 'closed';

/** How one phase ended. */
export interface Outcome {
  answeredAt: number;
  onTime: boolean;
  minutesTaken: number;
}

/** Everything persisted about one incident's clock. Instants are epoch milliseconds. */
export interface ClockState {
  incidentId: string;
  agencyId: string;
  regionCode?: string;
  topicCode: string;
  urgency: Urgency;
  regime: Regime;
  /** `id@version` of the policy armed under. */
  policy: string;
  phase: ClockPhase;
  status: ClockStatus;
  /** Status to return to on resume. */
  pausedFrom?: 'running' | 'breached';
  calendarKnown: boolean;
  /** When the incident was first routed. */
  openedAt: number;
  /** Counted minutes allowed in this phase, and counted before the current run. */
  budgetMinutes: number;
  usedMinutes: number;
  /** Start of the current run; null while paused or stopped. */
  runningSince: number | null;
  dueAt: number;
  /** Warning shares already sent in this phase. */
  warned: number[];
  escalation: { level: number; repeat: number; at: number } | null;
  /** When the clock must next be looked at; null when nothing is scheduled. Indexed in the store. */
  nextAt: number | null;
  /** Bumped on every (re)arm: keeps event keys of different runs apart. */
  generation: number;
  /** The answer that last stopped or switched the clock; a formal non-answer flag on it reopens. */
  lastAnswer?: { id: string; kind: 'interim' | 'final'; phase: ClockPhase };
  outcomes: Partial<Record<ClockPhase, Outcome>>;
  reroutes: number;
  returns: number;
  /** Correlation id of the event that first routed the incident; carried by every clock event. */
  correlationId?: string;
}

/** Facts every outgoing event carries (the contract's ClockFacts, in domain form). */
export interface EventFacts {
  incidentId: string;
  agencyId: string;
  topicCode: string;
  policy: string;
  phase: ClockPhase;
  dueAt: number;
}

interface EventBase {
  /** Unique per fact: the same fact always has the same key (deduplication, event ids). */
  key: string;
  /** When the fact happened. */
  at: number;
  facts: EventFacts;
  /** Id of the incoming event that caused this one (none for a timer). */
  causationId?: string;
  /** Correlation id of the incident's events. */
  correlationId?: string;
}

/** What the clock tells the world. */
export type ClockEvent = EventBase &
  (
    | { kind: 'armed'; workingMinutes: number; roundTheClock: boolean; calendarKnown: boolean }
    | { kind: 'warning'; percent: number }
    | { kind: 'breached' }
    | { kind: 'met'; onTime: boolean; minutesTaken: number; answerId: string }
    | { kind: 'escalated'; level: number; role: string; repeat: number }
    | { kind: 'reopened'; reason: string; answerId?: string }
    // `facts.dueAt` of a pause is the deadline it suspends; of a resume, the deadline moved by the pause.
    | { kind: 'paused'; reason: string; usedMinutes: number }
    | { kind: 'resumed' }
  );

/** What happens to a clock. */
export type ClockInput =
  | { kind: 'routed'; at: number; agencyId: string; topicCode: string; urgency: Urgency; regime: Regime; regionCode?: string }
  | { kind: 'rerouted'; at: number; agencyId: string }
  | { kind: 'returned'; at: number }
  | { kind: 'state-changed'; at: number; to: string; reasonCode?: string }
  | { kind: 'answered'; at: number; answerId: string; answerKind: 'interim' | 'final'; promisedBy?: string }
  | { kind: 'answer-flagged'; at: number; answerId: string; scorePercent: number; reasons: string[] }
  | { kind: 'tick'; at: number };

/** Result of one step: the new state (or the old one, unchanged) and what to emit. */
export interface Transition {
  state: ClockState;
  events: ClockEvent[];
  changed: boolean;
}

/** What the clock logic needs from outside: policies and each agency's working time. */
export interface ClockEnv {
  policies: PolicySet;
  clockFor(agencyId: string, regionCode: string | undefined, roundTheClock: boolean): WorkClock;
}
