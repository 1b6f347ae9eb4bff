import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, ValidateNested } from 'class-validator';
import { IsProbability, PLATFORMS, Platform } from './common';

/** What a citizen's reply says of the answer they got: the work is done, or it is not. */
export const VERDICTS = ['confirmed', 'disputed'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Where a post sits on its platform: enough to tell later which thread a reply belongs to. */
export class PostThreadRef {
  /** Platform of the post. */
  @IsIn(PLATFORMS)
  platform: Platform;

  /** The platform's own id of the post. */
  @IsString()
  @IsNotEmpty()
  externalId: string;

  /** Pseudonym of its author (see PostAuthor). */
  @IsString()
  @IsNotEmpty()
  authorPseudonym: string;

  /** External id of the post or comment it replies to, if it is a reply. */
  @IsOptional()
  @IsString()
  replyTo?: string;

  /** External id of the thread it is in (the wall post of a comment, a discussion's root). */
  @IsOptional()
  @IsString()
  threadId?: string;
}

/**
 * A citizen's reply in a thread (a comment, a reply, a follow-up through the intake or Open311)
 * reads as a verdict on what was done: «спасибо, сделали» confirms; «ничего не сделано», «спасибо,
 * но ничего не сделали» or a new photo of the problem disputes. It names what it replies to by
 * platform ids only: the router finds the incident whose post or published answer that is.
 */
export class PostVerdictV1 {
  /** Otklik's id of the reply. */
  @IsString()
  @IsNotEmpty()
  postId: string;

  /** The reply on its platform; `replyTo` or `threadId` is set. */
  @ValidateNested()
  @Type(() => PostThreadRef)
  origin: PostThreadRef;

  /** confirmed or disputed. */
  @IsIn(VERDICTS)
  verdict: Verdict;

  /** How sure the recognition is. */
  @IsProbability()
  confidence: number;

  /** What decided it, e.g. `confirm:thanks`, `dispute:not-done`, `dispute:negated-thanks`, `dispute:photo`. */
  @IsArray()
  @ArrayMinSize(1)
  @IsString({ each: true })
  signals: string[];

  /** The reply's text, for the incident's history. */
  @IsString()
  text: string;

  /** When the citizen wrote it. */
  @IsISO8601()
  postedAt: string;

  /** Version of the recognition rules that decided. */
  @IsString()
  rulesVersion: string;
}
