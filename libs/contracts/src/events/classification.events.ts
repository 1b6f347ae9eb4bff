import { IsReadableTerritoryCode } from '../territory-code';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsOptional, IsString, Min, ValidateNested } from 'class-validator';
import { IsProbability, LEGAL_REGIMES, LegalRegime, PlaceRef, URGENCIES, Urgency } from './common';
import { PostThreadRef } from './verdict.events';

/** What a post is. Only complaints and questions become incidents. */
export const POST_KINDS = ['complaint', 'question', 'thanks', 'other'] as const;
export type PostKind = (typeof POST_KINDS)[number];

/** One decision with its calibrated confidence. */
export class ScoredLabel {
  /** The chosen label (taxonomy code, kind, urgency, …). */
  @IsString()
  label: string;

  /** Calibrated probability that the label is right. */
  @IsProbability()
  confidence: number;
}

/** Why the classifier decided as it did. */
export class ClassificationExplanation {
  /** Rules that fired, e.g. `urgency:gas-smell`. */
  @IsArray()
  @IsString({ each: true })
  rules: string[];

  /** Strongest features behind the topic decision, e.g. `отоплен* (+2.1)`. */
  @IsArray()
  @IsString({ each: true })
  features: string[];
}

/** The classifier's full reading of a post that needs action. */
export class IncidentClassifiedV2 {
  /** The post that was classified. */
  @IsString()
  postId: string;

  /** Id of the post this one nearly duplicates, carried from ingest. */
  @IsOptional()
  @IsString()
  duplicateOf?: string;

  /** complaint or question. */
  @ValidateNested()
  @Type(() => ScoredLabel)
  kind: ScoredLabel;

  /** Taxonomy code, two levels, e.g. `housing.heating`. */
  @ValidateNested()
  @Type(() => ScoredLabel)
  topicCode: ScoredLabel;

  /** First-level taxonomy code the topic belongs to, e.g. `housing`. */
  @IsOptional()
  @ValidateNested()
  @Type(() => ScoredLabel)
  category?: ScoredLabel;

  /** Runner-up topics with their confidences, best first. */
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ScoredLabel)
  alternatives?: ScoredLabel[];

  /** Revision of the post that was classified (see PostReceivedV1.revision); a later one supersedes it. */
  @IsOptional()
  @IsInt()
  @Min(1)
  revision?: number;

  /** emergency, high or normal. */
  @ValidateNested()
  @Type(() => ScoredLabel)
  urgency: ScoredLabel;

  /** The place named in the text, or the community's territory as fallback. */
  @IsOptional()
  @ValidateNested()
  @Type(() => PlaceRef)
  place?: PlaceRef;

  /** negative, neutral or positive. */
  @ValidateNested()
  @Type(() => ScoredLabel)
  sentiment: ScoredLabel;

  /** Version of the model and rules that decided. */
  @IsString()
  modelVersion: string;

  /** Version of the taxonomy the topic code belongs to. */
  @IsString()
  taxonomyVersion: string;

  /** Low confidence: an operator should confirm it. */
  @IsIn([true, false])
  needsReview: boolean;

  /** Why. */
  @ValidateNested()
  @Type(() => ClassificationExplanation)
  explanation: ClassificationExplanation;

  /** Text of the post, so that downstream services need not look it up. */
  @IsString()
  text: string;

  /** Urgency as a plain value for routing and clocks. */
  @IsIn(URGENCIES)
  urgencyLevel: Urgency;

  /** Legal regime, copied from the post; absent means `social_post`. */
  @IsOptional()
  @IsIn(LEGAL_REGIMES)
  regime?: LegalRegime;

  /** Where the post sits on its platform, copied from it: a later reply in its thread finds the incident. */
  @IsOptional()
  @ValidateNested()
  @Type(() => PostThreadRef)
  origin?: PostThreadRef;
}

/** A post that needs no action, with the reason it was set aside. */
export class PostDismissedV1 {
  /** The dismissed post. */
  @IsString()
  postId: string;

  /** Why: `kind:thanks`, `spam:ads`, `duplicate`, … */
  @IsString()
  reason: string;

  /** What the classifier thought the post was. */
  @IsOptional()
  @ValidateNested()
  @Type(() => ScoredLabel)
  kind?: ScoredLabel;

  /** Version of the model that decided. */
  @IsString()
  modelVersion: string;

  /** The dismissal is doubtful and waits in the classifier's review queue for an operator. */
  @IsOptional()
  @IsIn([true, false])
  needsReview?: boolean;

  /** Revision of the post that was dismissed (see PostReceivedV1.revision). */
  @IsOptional()
  @IsInt()
  @Min(1)
  revision?: number;
}

/** An operator confirmed or corrected a classification; it becomes a training example. */
export class ClassificationCorrectedV2 {
  /** The post whose classification changed. */
  @IsString()
  postId: string;

  /** Incident the post belongs to, if any. */
  @IsOptional()
  @IsString()
  incidentId?: string;

  /** Corrected taxonomy code. */
  @IsOptional()
  @IsString()
  topicCode?: string;

  /** Corrected kind. */
  @IsOptional()
  @IsIn(POST_KINDS)
  kind?: PostKind;

  /** Corrected urgency. */
  @IsOptional()
  @IsIn(URGENCIES)
  urgency?: Urgency;

  /** Corrected territory code. */
  @IsOptional()
  @IsReadableTerritoryCode()
  territoryCode?: string;

  /**
   * The operator's verdict on dismissal: `false` when a dismissed post needs action after all (the
   * router then makes it an incident), `true` when it should have been dismissed. Absent: unchanged.
   */
  @IsOptional()
  @IsIn([true, false])
  dismissed?: boolean;

  /** The post's text as the operator saw it, so the correction can become a labelled example. */
  @IsOptional()
  @IsString()
  text?: string;

  /** Who corrected it (user id). */
  @IsString()
  correctedBy: string;
}
