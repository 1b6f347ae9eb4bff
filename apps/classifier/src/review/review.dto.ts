import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmpty, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsTerritoryCode, POST_KINDS, URGENCIES, type PostKind, type Urgency } from '@otklik/contracts';
import { TAXONOMY } from '@otklik/reference';
import { REVIEW_STATUSES, type ReviewStatus } from './review-item.schema';

/** Query of the review queue listing. */
export class ListReviewQuery {
  @ApiPropertyOptional({ enum: REVIEW_STATUSES, default: 'pending' })
  @IsOptional()
  @IsIn(REVIEW_STATUSES)
  status?: ReviewStatus;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, default: 0, description: 'Items to skip (paging).' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  skip?: number;
}

/**
 * An operator confirms the classifier's decision as it stands. Who answers is the caller of the
 * verified token; a body naming an operator is refused, so that a client that thinks it sets one
 * learns it does not.
 */
export class ConfirmReviewDto {
  @IsEmpty({ message: 'taken from the verified token; leave it out' })
  operatorId?: unknown;
}

/** An operator corrects one or more labels; the rest stay as the classifier decided. */
export class CorrectReviewDto extends ConfirmReviewDto {
  @ApiPropertyOptional({ enum: TAXONOMY.topicCodes, description: 'Corrected taxonomy topic code (two levels, e.g. housing.heating).' })
  @IsOptional()
  @IsIn(TAXONOMY.topicCodes, { message: `topicCode must be a topic code of taxonomy ${TAXONOMY.version}` })
  topicCode?: string;

  @ApiPropertyOptional({ enum: POST_KINDS })
  @IsOptional()
  @IsIn(POST_KINDS)
  kind?: PostKind;

  @ApiPropertyOptional({ enum: URGENCIES })
  @IsOptional()
  @IsIn(URGENCIES)
  urgency?: Urgency;

  @ApiPropertyOptional({ example: '40:nevsky', description: 'Corrected territory code: OKTMO (`38701000`) or local (`40:nevsky`).' })
  @IsOptional()
  @IsTerritoryCode()
  territoryCode?: string;
}
