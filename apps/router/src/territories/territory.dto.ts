import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsTerritoryCode } from '@otklik/contracts';
import { CODE_SCHEMES, CodeScheme, Territory, TERRITORY_KINDS, TerritoryKind } from './territory.model';
import { IsTimeZone } from '../shared/time-zone';

/** A territory as the API and the seed files carry it. */
export class TerritoryDto implements Territory {
  @ApiProperty({ example: '40:nevsky', description: 'OKTMO code, or `<region key>:<name>` where none is known' })
  @IsTerritoryCode()
  code: string;

  @ApiPropertyOptional({ type: [String], example: ['RU-SPE:nevsky'], description: 'Other codes read as this territory: the legacy `RU-…` form, codes of other systems' })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  codeAliases?: string[];

  @ApiProperty({ enum: CODE_SCHEMES })
  @IsIn(CODE_SCHEMES)
  codeScheme: CodeScheme;

  @ApiProperty({ example: 'Невский район' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: TERRITORY_KINDS })
  @IsIn(TERRITORY_KINDS)
  kind: TerritoryKind;

  @ApiPropertyOptional({ example: 'район' })
  @IsOptional()
  @IsString()
  localType?: string;

  @ApiPropertyOptional({ example: '40000000' })
  @IsOptional()
  @IsTerritoryCode()
  parentCode?: string;

  @ApiPropertyOptional({ example: 'Europe/Moscow' })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;

  @ApiPropertyOptional({ type: [String], example: ['Невский'] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  aliases?: string[];

  @ApiPropertyOptional({ example: '78' })
  @IsOptional()
  @Matches(/^\d{2,3}$/, { message: 'subjectCode must be 2–3 digits' })
  subjectCode?: string;

  @ApiPropertyOptional({ example: 'RU-SPE' })
  @IsOptional()
  @IsString()
  isoCode?: string;

  @ApiPropertyOptional({ example: 'Северо-Западный' })
  @IsOptional()
  @IsString()
  federalDistrict?: string;
}
