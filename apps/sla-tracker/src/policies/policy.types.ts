import { LEGAL_REGIMES, LegalRegime, Urgency } from '@otklik/contracts';

/** Legal regimes a clock can run under: the contracts' list, which events carry. */
export const REGIMES = LEGAL_REGIMES;
export type Regime = LegalRegime;

/** Units of a term: minutes and hours count working time (or all time round the clock). */
export const TERM_UNITS = ['minutes', 'hours', 'working_days', 'calendar_days'] as const;
export type TermUnit = (typeof TERM_UNITS)[number];

/** A length of time allowed, e.g. 4 hours, 10 working days, 30 calendar days. */
export interface Term {
  amount: number;
  unit: TermUnit;
}

/** What a re-route does to a running clock. */
export const REROUTE_EFFECTS = ['restart', 'continue', 'extend'] as const;
export type RerouteEffect = (typeof REROUTE_EFFECTS)[number];

/** Who is told, in order, after a breach. */
export const ESCALATION_ROLES = ['agency_head', 'supervisor', 'deputy_governor'] as const;
export type EscalationRole = (typeof ESCALATION_ROLES)[number];

/** One step of the escalation chain; `after` counts from the breach (step 1) or the previous step's last notice. */
export interface EscalationStep {
  role: EscalationRole;
  after: Term;
  /** Notices at this step, the first included. */
  repeats: number;
  /** Gap between repeats. */
  repeatEvery: Term;
}

/** Which incidents a policy is for; an absent list matches everything. */
export interface PolicyMatch {
  topicCodes?: string[];
  urgencies?: Urgency[];
  agencyIds?: string[];
  regionCodes?: string[];
}

/**
 * One version of an SLA policy. Versions are immutable: a changed rule is a new version with a
 * later `validFrom`; a running clock keeps the version it was armed under (`id@version`).
 */
export interface SlaPolicy {
  id: string;
  version: number;
  /** First day (`YYYY-MM-DD`, UTC) this version arms clocks. */
  validFrom: string;
  regime: Regime;
  match: PolicyMatch;
  /** Minutes and hours count all the time, not working time (emergencies). */
  roundTheClock: boolean;
  /** Time for the first substantive or interim answer. */
  firstAnswer: Term;
  /** Interim answers: whether allowed and how far the promised date may lie. */
  interim: { allowed: boolean; maxPromise: Term };
  /** Final deadline after an interim answer that names no (usable) date. */
  finalAnswer: Term;
  /** Incident states that stop the clock until the incident leaves them. */
  pauseOnStates: string[];
  /** State-change reason codes that stop the clock (e.g. `awaiting_clarification`: waiting for the citizen). */
  pauseOnReasons: string[];
  reroute: { effect: RerouteEffect; extendBy?: Term };
  /** Time given again after an answer is judged a formal non-answer. */
  reopen: Term;
  /** Minimum score (percent) of a formal-non-answer flag that reopens the clock. */
  reopenScorePercent: number;
  /** Shares of the allowed time (percent) at which warnings go out. */
  warnings: number[];
  escalation: EscalationStep[];
}

/** `id@version`, the reference a clock and its events carry. */
export function policyRef(policy: Pick<SlaPolicy, 'id' | 'version'>): string {
  return `${policy.id}@${policy.version}`;
}
