import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Min } from 'class-validator';

/** Which deadline a clock is counting to. */
export const CLOCK_PHASES = ['first_answer', 'final_answer'] as const;
export type ClockPhase = (typeof CLOCK_PHASES)[number];

/** Which clock an SLA event is about. */
export class ClockRef {
  /** Incident the clock belongs to. */
  @IsString()
  incidentId: string;

  /** Agency being timed. */
  @IsString()
  agencyId: string;

  /** Taxonomy code of the incident's problem (for per-topic figures). */
  @IsString()
  topicCode: string;

  /** Policy id and version that set the deadline, e.g. `social-post@3`. */
  @IsString()
  policy: string;

  /** first_answer or final_answer. */
  @IsIn(CLOCK_PHASES)
  phase: ClockPhase;
}

/** What every SLA event with a deadline says about the clock. */
export class ClockFacts extends ClockRef {
  /** The deadline (UTC). */
  @IsISO8601()
  dueAt: string;
}

/** A clock started (or restarted after a reroute). */
export class SlaArmedV2 extends ClockFacts {
  /** Working minutes allowed. */
  @IsInt()
  @Min(0)
  workingMinutes: number;

  /** Whether the clock runs round the clock (emergencies). */
  @IsIn([true, false])
  roundTheClock: boolean;

  /** False when the year's production calendar was unknown and fixed holidays were used. */
  @IsIn([true, false])
  calendarKnown: boolean;
}

/** A share of the working time has passed. */
export class SlaWarningV2 extends ClockFacts {
  /** Share passed, in percent (e.g. 50, 75, 90). */
  @IsInt()
  @Min(1)
  percent: number;
}

/** The deadline passed without the answer it asked for. */
export class SlaBreachedV2 extends ClockFacts {
  /** When the breach was recorded. */
  @IsISO8601()
  breachedAt: string;
}

/** The answer came in time (or late: `onTime` says). */
export class SlaMetV2 extends ClockFacts {
  /** When the answer came. */
  @IsISO8601()
  answeredAt: string;

  /** Whether it came before the deadline. */
  @IsIn([true, false])
  onTime: boolean;

  /** Working minutes the agency took. */
  @IsInt()
  @Min(0)
  workingMinutesTaken: number;

  /** The answer that met the clock. */
  @IsOptional()
  @IsString()
  answerId?: string;
}

/** A breach was escalated one step up the chain. */
export class SlaEscalatedV2 extends ClockFacts {
  /** Step of the chain, from 1. */
  @IsInt()
  @Min(1)
  level: number;

  /** Role escalated to: agency_head, supervisor, deputy_governor. */
  @IsString()
  role: string;

  /** Repeat number at this level, from 1. */
  @IsInt()
  @Min(1)
  repeat: number;
}

/** A clock that had stopped runs again (the answer was judged a formal non-answer). */
export class SlaReopenedV2 extends ClockFacts {
  /** Why it reopened. */
  @IsString()
  reason: string;

  /** Answer that was rejected, if any. */
  @IsOptional()
  @IsString()
  answerId?: string;
}

/**
 * A clock stopped counting while the incident waits on someone other than the agency (the
 * citizen's clarification, a return, triage). It has no deadline until it resumes.
 */
export class SlaPausedV2 extends ClockRef {
  /** When the count stopped. */
  @IsISO8601()
  pausedAt: string;

  /** The incident state or state-change reason code that paused it, e.g. `awaiting_clarification`, `returned`. */
  @IsString()
  reason: string;

  /** Working minutes of the phase used before the pause. */
  @IsInt()
  @Min(0)
  usedWorkingMinutes: number;
}

/** A paused clock counts again; `dueAt` is the deadline moved by the pause. */
export class SlaResumedV2 extends ClockFacts {
  /** When the count started again. */
  @IsISO8601()
  resumedAt: string;
}
