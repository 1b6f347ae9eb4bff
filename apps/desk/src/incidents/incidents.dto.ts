import { ApiPropertyOptional } from '@nestjs/swagger';
import { URGENCIES, Urgency } from '@otklik/contracts';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { CATEGORY_CODE, TOPIC_CODE } from '../taxonomy/taxonomy-codes';
import { IncidentQuery, parseStates, Queue, QUEUES, Sort, SORTS } from '../projection/incident-query';

/** 'true' / 'false' in a query string; anything else is left for the validator to refuse. */
const toBoolean = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);

/** Filters shared by the list and the map. */
export class IncidentFilterParams {
  @ApiPropertyOptional({ description: 'Full-text search over posts, place, topic names, number, answers (word forms match)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ description: 'Comma-separated states, e.g. `routed,acknowledged`' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  state?: string;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  open?: boolean;

  @ApiPropertyOptional({ enum: QUEUES })
  @IsOptional()
  @IsIn(QUEUES)
  queue?: Queue;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) agencyId?: string;

  @ApiPropertyOptional({ description: 'Category of the taxonomy, e.g. `housing`' })
  @IsOptional()
  @Matches(CATEGORY_CODE, { message: 'categoryCode must be a category code such as housing' })
  categoryCode?: string;

  @ApiPropertyOptional({ description: 'Topic of the taxonomy, e.g. `housing.heating`' })
  @IsOptional()
  @Matches(TOPIC_CODE, { message: 'topicCode must be a topic code such as housing.heating' })
  topicCode?: string;

  @ApiPropertyOptional({ description: 'Territory code or its prefix (OKTMO)' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  territory?: string;

  @ApiPropertyOptional({ enum: URGENCIES })
  @IsOptional()
  @IsIn(URGENCIES)
  urgency?: Urgency;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  hasGeo?: boolean;

  @ApiPropertyOptional({ format: 'date-time', description: 'Only incidents changed after this instant (live refresh)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  updatedSince?: string;

  @ApiPropertyOptional({ enum: SORTS, default: 'updated' })
  @IsOptional()
  @IsIn(SORTS)
  sort?: Sort;
}

export class IncidentListParams extends IncidentFilterParams {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 10000, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10000)
  offset?: number;
}

export class MapParams extends IncidentFilterParams {
  @ApiPropertyOptional({ minimum: 1, maximum: 5000, default: 2000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5000)
  limit?: number;
}

/** The list request in domain terms. */
export function toIncidentQuery(params: IncidentFilterParams & { limit?: number; offset?: number }, defaultLimit = 50): IncidentQuery {
  return {
    q: params.q,
    states: params.state ? parseStates(params.state) : undefined,
    open: params.open,
    queue: params.queue,
    agencyId: params.agencyId,
    categoryCode: params.categoryCode,
    topicCode: params.topicCode,
    territoryCode: params.territory,
    urgency: params.urgency,
    hasGeo: params.hasGeo,
    updatedSince: params.updatedSince && new Date(params.updatedSince).toISOString(),
    sort: params.sort,
    limit: params.limit ?? defaultLimit,
    offset: params.offset ?? 0,
  };
}
