import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsISO8601, IsOptional, IsString, MaxLength, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { Attachment } from './common';

/** Roles a desk actor can hold; `integration` is an API token acting for another system. */
export const DESK_ROLES = ['operator', 'supervisor', 'agency', 'admin', 'integration'] as const;
export type DeskRole = (typeof DESK_ROLES)[number];

/** Answer kinds: an interim answer promises a date, a final answer closes the question. */
export const ANSWER_KINDS = ['interim', 'final'] as const;
export type AnswerKind = (typeof ANSWER_KINDS)[number];

/**
 * What an operator may ask the router to do with an incident. `request_clarification` (the
 * citizen was asked to clarify) and `clarification_received` may also come from the holding agency.
 */
export const OPERATOR_ACTIONS = ['reassign', 'merge', 'split', 'dismiss', 'request_clarification', 'clarification_received'] as const;
export type OperatorAction = (typeof OPERATOR_ACTIONS)[number];

/** Who did something in the desk. */
export class DeskActor {
  /** User id (or API token id). */
  @IsString()
  @MinLength(1)
  userId: string;

  /** Role at the time. */
  @IsIn(DESK_ROLES)
  role: DeskRole;

  /** Agency the user is bound to, for agency staff. */
  @IsOptional()
  @IsString()
  agencyId?: string;
}

/** An agency has seen the incident and taken it. */
export class IncidentAcknowledgedV1 {
  /** The incident. */
  @IsString()
  incidentId: string;

  /** Human-readable number of the incident, for messages and logs. */
  @IsOptional()
  @IsString()
  number?: string;

  /** The agency that acknowledged. */
  @IsString()
  agencyId: string;

  /** Optional note for the management centre, e.g. who is on it. */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  /** Who. */
  @ValidateNested()
  @Type(() => DeskActor)
  actor: DeskActor;

  /** When. */
  @IsISO8601()
  acknowledgedAt: string;
}

/** An agency's answer: interim (with a promised date) or final (text and photos of the work). */
export class AgencyAnsweredV1 {
  /** Answer id. */
  @IsString()
  answerId: string;

  /** The incident. */
  @IsString()
  incidentId: string;

  /** Human-readable number of the incident. */
  @IsOptional()
  @IsString()
  number?: string;

  /** The agency that answered. */
  @IsString()
  agencyId: string;

  /** interim or final. */
  @IsIn(ANSWER_KINDS)
  kind: AnswerKind;

  /** Text of the answer, as published to the citizen. */
  @IsString()
  @MinLength(1)
  @MaxLength(10000)
  text: string;

  /** Date by which the final answer is promised; required for interim answers. */
  @ValidateIf((answer: AgencyAnsweredV1) => answer.kind === 'interim' || answer.promisedBy !== undefined)
  @IsISO8601()
  promisedBy?: string;

  /** Photos of the work done. */
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => Attachment)
  photos: Attachment[];

  /** Who. */
  @ValidateNested()
  @Type(() => DeskActor)
  actor: DeskActor;

  /** When. */
  @IsISO8601()
  answeredAt: string;
}

/** An agency says the incident is not its competence. */
export class ReturnRequestedV1 {
  /** The incident. */
  @IsString()
  incidentId: string;

  /** Human-readable number of the incident. */
  @IsOptional()
  @IsString()
  number?: string;

  /** The agency returning it. */
  @IsString()
  agencyId: string;

  /** The reason, shown to operators. */
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  reason: string;

  /** Agency that should take it instead, if the agency knows. */
  @IsOptional()
  @IsString()
  suggestedAgencyId?: string;

  /** Who. */
  @ValidateNested()
  @Type(() => DeskActor)
  actor: DeskActor;

  /** When. */
  @IsISO8601()
  requestedAt: string;
}

/**
 * An operator's decision about an incident: reassign, merge, split or dismiss; or, from an
 * operator or the holding agency, that the citizen was asked for a clarification or gave it.
 */
export class OperatorActionRequestedV1 {
  /** The incident. */
  @IsString()
  incidentId: string;

  /** Human-readable number of the incident. */
  @IsOptional()
  @IsString()
  number?: string;

  /** What to do. */
  @IsIn(OPERATOR_ACTIONS)
  action: OperatorAction;

  /** reassign: the new agency (required for reassign). */
  @ValidateIf((request: OperatorActionRequestedV1) => request.action === 'reassign' || request.agencyId !== undefined)
  @IsString()
  @MinLength(1)
  agencyId?: string;

  /** reassign: the agency it is taken from, as the desk saw it. */
  @IsOptional()
  @IsString()
  previousAgencyId?: string;

  /** merge: the incident to merge into (required for merge). */
  @ValidateIf((request: OperatorActionRequestedV1) => request.action === 'merge' || request.targetIncidentId !== undefined)
  @IsString()
  @MinLength(1)
  targetIncidentId?: string;

  /** split: the posts to take out into a new incident (required for split). */
  @ValidateIf((request: OperatorActionRequestedV1) => request.action === 'split' || request.postIds !== undefined)
  @IsArray()
  @ArrayMinSize(1)
  @IsString({ each: true })
  postIds?: string[];

  /** Reason, kept in the history (for clarifications: what was asked, or what came). */
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  reason: string;

  /** Who. */
  @ValidateNested()
  @Type(() => DeskActor)
  actor: DeskActor;

  /** When. */
  @IsISO8601()
  requestedAt: string;
}
