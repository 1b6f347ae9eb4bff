import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@otklik/auth';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { Principal } from '../access/principal';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { SurgeFilter, SurgeQueueService, SurgeView } from './surge-queue.service';

export class SurgeListParams {
  @ApiPropertyOptional({ enum: ['waiting', 'all'], default: 'waiting', description: 'waiting: open or escalated, not yet acknowledged' })
  @IsOptional()
  @IsIn(['waiting', 'all'])
  status?: SurgeFilter;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class AcknowledgeSurgeRequest {
  @ApiPropertyOptional({ maxLength: 2000, description: 'What the centre does about it' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

@ApiTags('surges')
@Roles('operator', 'supervisor', 'admin')
@Controller('api/v1/surges')
export class SurgesController {
  constructor(private readonly surges: SurgeQueueService) {}

  @Get()
  @ApiOperation({ summary: 'The surge queue, newest first: many similar incidents on one territory and topic' })
  list(@Query() params: SurgeListParams, @CurrentPrincipal() principal: Principal): Promise<SurgeView[]> {
    return this.surges.list(principal, params.status ?? 'waiting', params.limit ?? 50);
  }

  @Get(':surgeId')
  @ApiOperation({ summary: 'One surge' })
  one(@Param('surgeId') surgeId: string, @CurrentPrincipal() principal: Principal): Promise<SurgeView> {
    return this.surges.get(principal, surgeId);
  }

  @Post(':surgeId/acknowledge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Take the surge on (who and when are kept); acknowledged in time, it does not escalate' })
  @ApiErrors({ 409: 'The surge was already acknowledged (by whom and when is in `message`)' })
  acknowledge(@Param('surgeId') surgeId: string, @Body() body: AcknowledgeSurgeRequest, @CurrentPrincipal() principal: Principal): Promise<SurgeView> {
    return this.surges.acknowledge(principal, surgeId, body.note?.trim() || undefined);
  }
}
