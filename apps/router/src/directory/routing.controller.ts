import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { Roles } from '@otklik/auth';
import { IsProbability, URGENCIES, Urgency } from '@otklik/contracts';
import { DirectoryService } from './directory.service';
import { TOPIC_PATTERN } from '../shared/topics';
import { RoutingOutcome } from '../routing/routing.model';

class RoutingPreviewRequest {
  @ApiProperty({ example: 'landscaping.snow_ice' })
  @Matches(TOPIC_PATTERN, { message: 'topicCode must be a taxonomy code, e.g. housing.heating' })
  topicCode: string;

  @ApiPropertyOptional({ example: 0.9, description: "the classifier's confidence in the topic code (default 1)" })
  @IsOptional()
  @IsProbability()
  topicConfidence?: number;

  @ApiPropertyOptional({ example: '40:nevsky' })
  @IsOptional()
  @IsString()
  territoryCode?: string;

  @ApiPropertyOptional({ example: 'Невский район', description: 'place name, when no code is known' })
  @IsOptional()
  @IsString()
  placeName?: string;

  @ApiPropertyOptional({ example: '40', description: 'region key, to resolve a name or triage an unplaced incident' })
  @IsOptional()
  @Matches(/^\d{2,3}$/, { message: 'regionCode must be a region key like 40' })
  regionCode?: string;

  @ApiPropertyOptional({ example: 'Сосульки над подъездом' })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  text?: string;

  @ApiPropertyOptional({ enum: URGENCIES })
  @IsOptional()
  @IsIn(URGENCIES)
  urgency?: Urgency;

  @ApiPropertyOptional({ example: '2026-01-20T10:00:00Z', description: 'decide as at this time (rule validity dates)' })
  @IsOptional()
  @IsISO8601()
  at?: string;
}

/** Where would an incident go, and why — without creating one (for operators writing rules). */
@ApiTags('routing')
@Roles('admin', 'operator', 'supervisor', 'service')
@Controller('v1/routing')
export class RoutingController {
  constructor(private readonly directory: DirectoryService) {}

  @Post('preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'Explain the routing decision for a hypothetical incident' })
  preview(@Body() body: RoutingPreviewRequest): RoutingOutcome & { territoryCode?: string } {
    const engine = this.directory.engine();
    const territory = engine.agencies.territories.resolve({ territoryCode: body.territoryCode, name: body.placeName, regionKey: body.regionCode });
    const outcome = engine.decide({
      topicCode: body.topicCode,
      topicConfidence: body.topicConfidence ?? 1,
      territoryCode: territory?.code,
      regionCode: body.regionCode,
      text: body.text ?? '',
      urgency: body.urgency ?? 'normal',
      at: body.at ? new Date(body.at) : new Date(),
    });
    return { ...outcome, ...(territory && { territoryCode: territory.code }) };
  }
}
