import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { IsTerritoryCode, PLATFORMS, Platform } from '@otklik/contracts';
import { CREDENTIAL_REF_PATTERN } from './credentials';
import { SOURCE_KINDS, SourceKind } from './source.model';

const PLATFORM_ID = /^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{3,31})$/;

/** A source as operators send it (create or replace). */
export class SourceDto {
  @ApiProperty({ example: 'vk-admin-kursk', description: 'Operator-chosen id: lower-case letters, digits and dashes.' })
  @Matches(/^[a-z0-9][a-z0-9-]{1,62}$/, { message: 'id must be 2–63 lower-case letters, digits or dashes' })
  id: string;

  @ApiProperty({ enum: PLATFORMS })
  @IsIn(PLATFORMS)
  platform: Platform;

  @ApiProperty({ enum: SOURCE_KINDS, description: 'community: a wall, group or channel; search: VK keyword queries; intake: POST /v1/posts.' })
  @IsIn(SOURCE_KINDS)
  kind: SourceKind;

  @ApiPropertyOptional({ example: '123456', description: 'VK community id, OK group id, Telegram chat id (-100…) or @username.' })
  @ValidateIf((o: SourceDto) => o.kind === 'community')
  @Matches(PLATFORM_ID, { message: 'communityId must be a numeric id or an @username' })
  communityId?: string;

  @ApiPropertyOptional({ example: '-1002222', description: "Telegram: chat id of the channel's discussion group." })
  @IsOptional()
  @Matches(PLATFORM_ID, { message: 'discussionGroupId must be a numeric id or an @username' })
  discussionGroupId?: string;

  @ApiPropertyOptional({ example: 'Администрация г. Курска' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ example: 'kursk-admin', description: 'Agency the community belongs to.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  agencyId?: string;

  @ApiPropertyOptional({ example: '38701000', description: 'Municipality (territory code) the source covers.' })
  @IsOptional()
  @IsTerritoryCode()
  territoryCode?: string;

  @ApiProperty({ example: 300, description: 'Seconds between polls (0 = continuous, for Telegram long polling).' })
  @IsInt()
  @Min(0)
  @Max(86400)
  pollIntervalSec: number;

  @ApiProperty({ type: [String], example: ['нет воды', 'яма'], description: 'Keyword queries (kind search).' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(200, { each: true })
  queries: string[];

  @ApiPropertyOptional({ example: 'VK_TOKEN_KURSK', description: 'Name of the environment variable holding the token (never the token).' })
  @ValidateIf((o: SourceDto) => o.platform !== 'intake' || o.credentialRef !== undefined)
  @Matches(CREDENTIAL_REF_PATTERN, { message: 'credentialRef must name an environment variable (A-Z, 0-9, _)' })
  credentialRef?: string;

  @ApiPropertyOptional({ example: 'a1b2c3d4', description: 'VK Callback API confirmation string.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  callbackConfirmation?: string;

  @ApiPropertyOptional({ example: 'VK_CALLBACK_SECRET_KURSK', description: 'Environment variable with the VK Callback secret or Telegram webhook secret token.' })
  @IsOptional()
  @Matches(CREDENTIAL_REF_PATTERN, { message: 'callbackSecretRef must name an environment variable (A-Z, 0-9, _)' })
  callbackSecretRef?: string;

  @ApiProperty({ default: true })
  @IsBoolean()
  enabled: boolean;
}

/** Why a source configuration cannot work although every field is well-formed. */
export function sourceRuleViolations(dto: SourceDto): string[] {
  const problems: string[] = [];
  if (dto.kind === 'search' && dto.platform !== 'vk') problems.push('kind: search is available for vk only');
  if (dto.kind === 'search' && dto.queries.length === 0) problems.push('queries: a search source needs at least one query');
  if (dto.kind === 'intake' && dto.platform !== 'intake') problems.push('kind: intake sources must have platform intake');
  if (dto.platform === 'intake' && dto.kind !== 'intake') problems.push('kind: platform intake takes kind intake');
  if (dto.platform === 'vk' && dto.kind === 'community' && !/^\d+$/.test(dto.communityId ?? '')) {
    problems.push('communityId: a VK community id is a positive number');
  }
  if (dto.discussionGroupId !== undefined && dto.platform !== 'telegram') problems.push('discussionGroupId: Telegram only');
  return problems;
}
