import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsISO8601, IsLatitude, IsLongitude, IsNotEmpty, IsOptional, IsString, IsUrl, MaxLength, ValidateNested } from 'class-validator';
import { IsTerritoryCode, LEGAL_REGIMES, LegalRegime, PLATFORMS, Platform } from '@otklik/contracts';

/** Most posts one request may carry. */
export const MAX_INTAKE_BATCH = 1000;

/** Where a post was written. */
export class IntakeCommunityDto {
  @ApiProperty({ example: 'club123' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  id: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(300)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  agencyId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsTerritoryCode()
  territoryCode?: string;
}

/** Who wrote a post: the tool's own id of the author (pseudonymised on arrival). */
export class IntakeAuthorDto {
  @ApiProperty({ example: 'user-42' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  id: string;

  @ApiPropertyOptional({ example: 'Иван П.' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  displayName?: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  isCommunity?: boolean;
}

/** A file attached to a post. */
export class IntakeAttachmentDto {
  @ApiProperty({ example: 'photo' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  type: string;

  @ApiProperty({ example: 'https://example.org/p.jpg' })
  @IsUrl({ require_tld: false })
  @MaxLength(2000)
  url: string;
}

/** A point on the map. */
export class IntakeGeoDto {
  @ApiProperty({ example: 51.73 })
  @IsLatitude()
  lat: number;

  @ApiProperty({ example: 36.19 })
  @IsLongitude()
  lon: number;
}

/** One post from another monitoring tool (POST /v1/posts takes one, or an array of up to 1,000). */
export class IntakePostDto {
  @ApiProperty({ example: 'intake-tools', description: 'A registered source this tool posts as.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(63)
  sourceId: string;

  @ApiPropertyOptional({ enum: PLATFORMS, default: 'intake', description: 'Platform the post comes from, when the tool knows it.' })
  @IsOptional()
  @IsIn(PLATFORMS)
  platform?: Platform;

  @ApiProperty({ example: 'wall-1_2', description: "The post's id on its platform; unique per platform." })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  externalId: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUrl({ require_tld: false })
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({ type: IntakeCommunityDto, description: "Defaults to the source's community." })
  @IsOptional()
  @ValidateNested()
  @Type(() => IntakeCommunityDto)
  community?: IntakeCommunityDto;

  @ApiProperty({ type: IntakeAuthorDto })
  @ValidateNested()
  @Type(() => IntakeAuthorDto)
  author: IntakeAuthorDto;

  @ApiProperty({ example: 'Нет воды третий день' })
  @IsString()
  @MaxLength(20_000)
  text: string;

  @ApiProperty({ example: '2024-05-01T10:00:00Z' })
  @IsISO8601({ strict: true })
  createdAt: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601({ strict: true })
  editedAt?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  replyTo?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  threadId?: string;

  @ApiPropertyOptional({ type: [IntakeAttachmentDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => IntakeAttachmentDto)
  attachments?: IntakeAttachmentDto[];

  @ApiPropertyOptional({ type: IntakeGeoDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => IntakeGeoDto)
  geo?: IntakeGeoDto;

  @ApiPropertyOptional({
    enum: LEGAL_REGIMES,
    default: 'social_post',
    description:
      'Legal regime that sets the deadlines: `pos_message` for a message of the Платформа обратной связи, `appeal_59fz` for an appeal under 59-ФЗ; a post found on a social network is `social_post`. Fixed by the first delivery of a post.',
  })
  @IsOptional()
  @IsIn(LEGAL_REGIMES)
  regime?: LegalRegime;
}
