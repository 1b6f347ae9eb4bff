import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Min, MinLength } from 'class-validator';
import { URGENCIES, Urgency } from '@otklik/contracts';
import { TOPIC_PATTERN } from '../shared/topics';
import { RoutingRule } from './routing-rule.model';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const AGENCY_REF = /^(@[a-z_]+|[a-z0-9][a-z0-9-]{1,63})$/;

/** A routing rule as the API and the seed files carry it. */
export class RoutingRuleDto implements RoutingRule {
  @ApiProperty({ example: 12 })
  @IsInt()
  @Min(1)
  id: number;

  @ApiProperty({ example: 'Содержание домов — жилищное агентство района' })
  @IsString()
  @MinLength(3)
  title: string;

  @ApiProperty({ type: [String], example: ['housing.heating'] })
  @IsArray()
  @ArrayMinSize(1)
  @Matches(TOPIC_PATTERN, { each: true, message: 'topicCodes must hold taxonomy codes (`housing`, `housing.heating`) or `*`' })
  topicCodes: string[];

  @ApiProperty({ type: [String], example: ['40000000'] })
  @IsArray()
  @ArrayMinSize(1)
  @IsString({ each: true })
  territoryCodes: string[];

  @ApiPropertyOptional({ type: [String], example: ['сосул'] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @MinLength(2, { each: true })
  keywords?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @MinLength(2, { each: true })
  excludeKeywords?: string[];

  @ApiPropertyOptional({ enum: URGENCIES, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(URGENCIES, { each: true })
  urgencies?: Urgency[];

  @ApiProperty({ example: '@housing_agency', description: 'agency id, or `@<kind>` for the nearest agency of that kind' })
  @Matches(AGENCY_REF, { message: 'agency must be an agency id or @<kind>' })
  agency: string;

  @ApiPropertyOptional({ type: [String], example: ['@district_administration'] })
  @IsOptional()
  @IsArray()
  @Matches(AGENCY_REF, { each: true, message: 'coExecutors must hold agency ids or @<kind>' })
  coExecutors?: string[];

  @ApiProperty({ example: 10 })
  @IsInt()
  priority: number;

  @ApiPropertyOptional({ example: '2026-11-01' })
  @IsOptional()
  @Matches(DAY, { message: 'validFrom must be YYYY-MM-DD' })
  validFrom?: string;

  @ApiPropertyOptional({ example: '2027-03-31' })
  @IsOptional()
  @Matches(DAY, { message: 'validTo must be YYYY-MM-DD' })
  validTo?: string;

  @ApiProperty({ example: true })
  @IsBoolean()
  enabled: boolean;
}
