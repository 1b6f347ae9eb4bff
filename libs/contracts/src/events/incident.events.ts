import { IsReadableTerritoryCode, IsRegionKey } from '../territory-code';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';
import { IsProbability, LEGAL_REGIMES, LegalRegime, PlaceRef, URGENCIES, Urgency } from './common';

/** States of an incident (a ticket). */
export const INCIDENT_STATES = ['new', 'triage', 'routed', 'acknowledged', 'interim_answer', 'answered', 'closed', 'returned', 'rerouted', 'dismissed', 'merged'] as const;
export type IncidentState = (typeof INCIDENT_STATES)[number];

/**
 * Machine-readable reasons of a state change, next to the free-text `reason`:
 * `awaiting_clarification` (the citizen was asked to clarify; clocks of policies that wait for
 * the citizen pause), `clarification_received` (the clarification came; they run again),
 * `citizen_confirmed` (the citizen's reply confirmed the answer: closed), `citizen_disputed` (the
 * citizen's reply disputed it: the agency holds the incident again and its clock reopens).
 */
export const STATE_CHANGE_REASON_CODES = ['awaiting_clarification', 'clarification_received', 'citizen_confirmed', 'citizen_disputed'] as const;
export type StateChangeReasonCode = (typeof STATE_CHANGE_REASON_CODES)[number];

/** States in which the citizen may be asked to clarify: the centre or an agency works on the incident. */
export const CLARIFIABLE_STATES: readonly IncidentState[] = ['triage', 'routed', 'rerouted', 'acknowledged', 'interim_answer'];

/** How the agency was chosen. */
export class RoutingDecision {
  /** `rule`, `history` (learned suggestion), `operator` (a person chose) or `triage`. */
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

/** A learned suggestion kept next to the decision, even when a rule decided. */
export class RoutingSuggestion extends RoutingDecision {
  /** The agency suggested. */
  @IsString()
  agencyId: string;
}

/** Hours of a set of ISO weekdays in the agency's zone. */
export class AgencyWeekdayHours {
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  @IsArray()
  @ArrayMinSize(1)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  weekdays: number[];

  /** Start, `HH:MM` local time. */
  @Matches(/^([01]\d|2[0-4]):[0-5]\d$/)
  from: string;

  /** End, `HH:MM` local time (`24:00` for round the clock). */
  @Matches(/^([01]\d|2[0-4]):[0-5]\d$/)
  to: string;

  /** Breaks inside the day (lunch), each `{ from, to }`. */
  @IsOptional()
  @IsArray()
  breaks?: { from: string; to: string }[];
}

/** Steps of an SLA escalation chain, in order (the `role` of `sla.escalated`). */
export const ESCALATION_ROLES = ['agency_head', 'supervisor', 'deputy_governor'] as const;
export type EscalationRole = (typeof ESCALATION_ROLES)[number];

/** One person (or system) the directory names for an escalation step of an agency's incidents. */
export class EscalationRecipient {
  /** The step they are told of: `agency_head`, `supervisor` or `deputy_governor`. */
  @IsIn(ESCALATION_ROLES)
  role: EscalationRole;

  /** How to reach them. */
  @IsIn(['email', 'telegram', 'webhook'])
  channel: 'email' | 'telegram' | 'webhook';

  /** E-mail address, Telegram chat id or the notifier's webhook endpoint id. */
  @IsString()
  address: string;

  /** Who it is, e.g. «заместитель губернатора по ЖКХ». */
  @IsOptional()
  @IsString()
  name?: string;
}

/** The agency an incident went to, as the router's directory knows it (for clocks and notices). */
export class RoutedAgency {
  /** Official name. */
  @IsString()
  name: string;

  /** Kind of body, e.g. `housing_agency`, `utility`. */
  @IsString()
  kind: string;

  /** IANA time zone its hours are in. */
  @IsString()
  timeZone: string;

  /** Working hours; weekdays not listed are days off. */
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => AgencyWeekdayHours)
  workingHours: AgencyWeekdayHours[];

  /** Regional days off on top of the federal calendar, `YYYY-MM-DD`. */
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  extraDaysOff?: string[];

  /** Recipients of each escalation step, as the directory resolves them for this agency. */
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => EscalationRecipient)
  escalation?: EscalationRecipient[];
}

/** What every incident event says about the incident itself. */
export class IncidentFacts {
  /** Otklik's incident id. */
  @IsString()
  incidentId: string;

  /** Human-readable number, e.g. `78-2026-000123`. */
  @IsString()
  number: string;

  /** Taxonomy code of the problem, e.g. `housing.heating`. */
  @IsString()
  topicCode: string;

  /** Urgency that sets the clock. */
  @IsIn(URGENCIES)
  urgency: Urgency;

  /** Where the problem is. */
  @IsOptional()
  @ValidateNested()
  @Type(() => PlaceRef)
  place?: PlaceRef;

  /** Region key the incident is counted in: the region's OKTMO code without trailing zeros (`40`; `118` for the Nenets okrug). */
  @IsRegionKey()
  regionCode: string;

  /** Posts grouped into this incident. */
  @IsArray()
  @IsString({ each: true })
  postIds: string[];
}

/** An incident was sent to an agency. */
export class IncidentRoutedV2 extends IncidentFacts {
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

  /** The agency's name, kind, zone and working hours. */
  @IsOptional()
  @ValidateNested()
  @Type(() => RoutedAgency)
  agency?: RoutedAgency;

  /** What learned routing suggested, best first, whatever decided. */
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => RoutingSuggestion)
  suggestions?: RoutingSuggestion[];

  /** Legal regime the incident is answered under (its first post's); absent means `social_post`. */
  @IsOptional()
  @IsIn(LEGAL_REGIMES)
  regime?: LegalRegime;
}

/** An incident moved to another agency (after a return or an operator's reassignment). */
export class IncidentReroutedV2 extends IncidentRoutedV2 {
  /** The agency it was taken from. */
  @IsString()
  previousAgencyId: string;

  /** How many times it has been rerouted so far. */
  @IsInt()
  @Min(1)
  rerouteCount: number;
}

/** An agency returned an incident as not its competence. */
export class IncidentReturnedV2 extends IncidentFacts {
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

  /** Minutes between routing and return (wall clock). */
  @IsOptional()
  @IsInt()
  @Min(0)
  lostMinutes?: number;

  /** The agency it goes to next, when `next` is `next_candidate`. */
  @IsOptional()
  @IsString()
  nextAgencyId?: string;

  /** Minutes of the lost time the misroute policy charges to the returning agency (held past its grace); 0 charges it nothing. */
  @IsOptional()
  @IsInt()
  @Min(0)
  agencyChargedMinutes?: number;
}

/** Many similar incidents on one territory and topic in a short time. */
export class IncidentSurgeV2 {
  /** Territory code. */
  @IsReadableTerritoryCode()
  territoryCode: string;

  /** Taxonomy code of the problem. */
  @IsString()
  topicCode: string;

  /** Incidents counted in the window. */
  @IsArray()
  @IsString({ each: true })
  incidentIds: string[];

  /** Window length in minutes. */
  @IsInt()
  @Min(1)
  windowMinutes: number;

  /** Name of the territory, e.g. «Невский район». */
  @IsOptional()
  @IsString()
  territoryName?: string;

  /** How many similar incidents make a surge there. */
  @IsOptional()
  @IsInt()
  @Min(1)
  threshold?: number;

  /** When the surge was detected. */
  @IsISO8601()
  detectedAt: string;
}

/**
 * Any change of an incident's state, with who caused it. `from` equals `to` when only the
 * reason changed: a clarification asked of the citizen or received from them (`reasonCode`).
 */
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

  /** Free-text reason, for people. */
  @IsOptional()
  @IsString()
  reason?: string;

  /** Machine-readable reason, for services (clocks pause on `awaiting_clarification`). */
  @IsOptional()
  @IsIn(STATE_CHANGE_REASON_CODES)
  reasonCode?: StateChangeReasonCode;

  /** Incident this one was merged into (state `merged`). */
  @IsOptional()
  @IsString()
  mergedInto?: string;

  /** When it changed. */
  @IsISO8601()
  changedAt: string;
}
