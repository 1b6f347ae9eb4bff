import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, Min, ValidateNested } from 'class-validator';
import { IsProbability, PlaceRef, URGENCIES, Urgency } from './common';

/** States of an incident (a ticket). */
export const INCIDENT_STATES = [
  'new', 'triage', 'routed', 'acknowledged', 'interim_answer', 'answered', 'closed',
  'returned', 'rerouted', 'dismissed', 'merged',
] as const;
export type IncidentState = (typeof INCIDENT_STATES)[number];

/** How the agency was chosen. */
export class RoutingDecision {
  /** `rule`, `history` (learned suggestion), `operator` or `triage`. */
  @IsIn(['rule', 'history', 'operator', 'triage'])
  method: 'rule' | 'history' | 'operator' | 'triage';

  /** Rule id when a rule decided. */
  @IsOptional()
  @IsString()
  ruleId?: string;

  /** Probability of the choice (history) or 1 for a rule. */
  @IsProbability()
  confidence: number;

  /** Human-readable reason, e.g. «правило 12: благоустройство × Невский район → …». */
  @IsString()
  explanation: string;
}

/** What every incident event says about the incident itself. */
export class IncidentFacts {
  /** Otklik's incident id. */
  @IsString()
  incidentId: string;

  /** Human-readable number, e.g. `78-2026-000123`. */
  @IsString()
  number: string;

  /** Taxonomy code of the problem. */
  @IsString()
  topic: string;

  /** Urgency that sets the clock. */
  @IsIn(URGENCIES)
  urgency: Urgency;

  /** Where the problem is. */
  @IsOptional()
  @ValidateNested()
  @Type(() => PlaceRef)
  place?: PlaceRef;

  /** Region code (OKTMO, 2 digits as text) the incident is counted in. */
  @IsString()
  regionCode: string;

  /** Posts grouped into this incident. */
  @IsArray()
  @IsString({ each: true })
  postIds: string[];
}

/** An incident was sent to an agency. */
export class IncidentRoutedV1 extends IncidentFacts {
  /** The agency that must act. */
  @IsString()
  agencyId: string;

  /** Agencies that act together with it. */
  @IsArray()
  @IsString({ each: true })
  coExecutorIds: string[];

  /** Why this agency. */
  @ValidateNested()
  @Type(() => RoutingDecision)
  decision: RoutingDecision;

  /** When it was routed (the clock starts here). */
  @IsISO8601()
  routedAt: string;
}

/** An incident moved to another agency (after a return or an operator's reassignment). */
export class IncidentReroutedV1 extends IncidentRoutedV1 {
  /** The agency it was taken from. */
  @IsString()
  previousAgencyId: string;

  /** How many times it has been rerouted so far. */
  @IsInt()
  @Min(1)
  rerouteCount: number;
}

/** An agency returned an incident as not its competence. */
export class IncidentReturnedV1 extends IncidentFacts {
  /** The agency that returned it. */
  @IsString()
  agencyId: string;

  /** The agency's reason. */
  @IsString()
  reason: string;

  /** Where it goes next: another agency or the triage queue. */
  @IsIn(['next_candidate', 'triage'])
  next: 'next_candidate' | 'triage';

  /** When it was returned. */
  @IsISO8601()
  returnedAt: string;
}

/** Many similar incidents on one territory and topic in a short time. */
export class IncidentSurgeV1 {
  /** Territory code. */
  @IsString()
  territoryCode: string;

  /** Topic code. */
  @IsString()
  topic: string;

  /** Incidents counted in the window. */
  @IsArray()
  @IsString({ each: true })
  incidentIds: string[];

  /** Window length in minutes. */
  @IsInt()
  @Min(1)
  windowMinutes: number;

  /** When the surge was detected. */
  @IsISO8601()
  detectedAt: string;
}

/** Any change of an incident's state, with who caused it. */
export class IncidentStateChangedV1 {
  /** Otklik's incident id. */
  @IsString()
  incidentId: string;

  /** Human-readable number. */
  @IsString()
  number: string;

  /** State before. */
  @IsIn(INCIDENT_STATES)
  from: IncidentState;

  /** State after. */
  @IsIn(INCIDENT_STATES)
  to: IncidentState;

  /** Agency holding the incident after the change, if any. */
  @IsOptional()
  @IsString()
  agencyId?: string;

  /** Who or what caused it (user id or service). */
  @IsString()
  actor: string;

  /** Free-text reason. */
  @IsOptional()
  @IsString()
  reason?: string;

  /** Incident this one was merged into (state `merged`). */
  @IsOptional()
  @IsString()
  mergedInto?: string;

  /** When it changed. */
  @IsISO8601()
  changedAt: string;
}
