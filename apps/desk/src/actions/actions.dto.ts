import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ANSWER_KINDS, AnswerKind, IsTerritoryCode, POST_KINDS, PostKind, URGENCIES, Urgency } from '@otklik/contracts';
import { TOPIC_CODE } from '../taxonomy/taxonomy-codes';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsISO8601, IsOptional, IsString, IsUrl, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';

export class CorrectClassificationRequest {
  @ApiPropertyOptional({ description: 'Taxonomy topic code, e.g. housing.heating' })
  @IsOptional()
  @Matches(TOPIC_CODE, { message: 'topicCode must be a topic code such as housing.heating' })
  topicCode?: string;

  @ApiPropertyOptional({ enum: POST_KINDS }) @IsOptional() @IsIn(POST_KINDS) kind?: PostKind;

  @ApiPropertyOptional({ enum: URGENCIES }) @IsOptional() @IsIn(URGENCIES) urgency?: Urgency;

  @ApiPropertyOptional({ description: 'Territory code: OKTMO (`38701000`) or local (`40:nevsky`)' })
  @IsOptional()
  @IsTerritoryCode()
  territoryCode?: string;

  @ApiPropertyOptional({ description: "Post to correct; the incident's first post if omitted" })
  @IsOptional()
  @IsString()
  @MinLength(1)
  postId?: string;
}

export class ReasonRequest {
  @ApiProperty({ minLength: 3, maxLength: 2000 })
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  reason: string;
}

export class ReassignRequest extends ReasonRequest {
  @ApiProperty({ description: 'Agency that must take the incident' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  agencyId: string;
}

export class MergeRequest extends ReasonRequest {
  @ApiProperty({ description: 'Incident (id or number) to merge this one into' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  targetIncidentId: string;
}

export class SplitRequest extends ReasonRequest {
  @ApiProperty({ type: [String], description: 'Posts to take out into a new incident' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsString({ each: true })
  postIds: string[];
}

export class AcknowledgeRequest {
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class AnswerRequest {
  @ApiProperty({ enum: ANSWER_KINDS }) @IsIn(ANSWER_KINDS) kind: AnswerKind;

  @ApiProperty({ maxLength: 10000, description: 'Text published to the citizen' })
  @IsString()
  @MinLength(1)
  @MaxLength(10000)
  text: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Required for interim answers: when the final answer will come' })
  @ValidateIf((request: AnswerRequest) => request.kind === 'interim' || request.promisedBy !== undefined)
  @IsISO8601({ strict: true }, { message: 'promisedBy must be a date-time, required for an interim answer' })
  promisedBy?: string;

  @ApiPropertyOptional({ type: [String], description: 'URLs of photos (upload them first to /api/v1/photos)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true }, { each: true, message: 'each photo must be an http(s) URL' })
  photos?: string[];
}

export class ReturnRequest extends ReasonRequest {
  @ApiPropertyOptional({ description: 'Agency that should take it instead, if known' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  suggestedAgencyId?: string;
}
