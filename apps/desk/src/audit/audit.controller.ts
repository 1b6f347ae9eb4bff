import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, Min } from 'class-validator';
import { Roles } from '../auth/auth.decorators';
import { AuditRecord } from './audit.schema';
import { AuditService } from './audit.service';

export class AuditQueryParams {
  @ApiPropertyOptional() @IsOptional() @IsString() actorId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() incidentId?: string;
  @ApiPropertyOptional({ enum: ['ok', 'denied', 'invalid', 'error'] })
  @IsOptional()
  @IsIn(['ok', 'denied', 'invalid', 'error'])
  outcome?: AuditRecord['outcome'];
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601() since?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

@ApiTags('audit')
@Roles('supervisor', 'admin')
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'Write attempts, newest first' })
  find(@Query() query: AuditQueryParams): Promise<AuditRecord[]> {
    return this.audit.find({
      actorId: query.actorId,
      incidentId: query.incidentId,
      outcome: query.outcome,
      since: query.since ? new Date(query.since) : undefined,
      limit: query.limit ?? 100,
    });
  }
}
