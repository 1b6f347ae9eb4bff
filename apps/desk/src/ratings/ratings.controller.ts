import { Controller, Get, Header, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import type { Response } from 'express';
import type { Principal } from '../access/principal';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { QualityReport, ratingsCsv, RatingsService } from './ratings.service';

export class RatingsParams {
  @ApiPropertyOptional({ example: '2026-03', description: "The month (in the management centre's time zone); the current one by default" })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be a month as YYYY-MM' })
  month?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv'], { message: 'format must be json or csv' })
  format?: 'json' | 'csv';
}

@ApiTags('ratings')
@Controller('api/v1/ratings')
export class RatingsController {
  constructor(private readonly ratings: RatingsService) {}

  @Get()
  @Roles('operator', 'supervisor', 'admin', 'integration', 'agency')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary:
      "The agencies' monthly quality rating: on-time share, formal non-answers, reopenings, citizens' disputes and confirmations, misroutes charged (docs/ratings.md); an agency sees its own line only",
  })
  async get(@Query() params: RatingsParams, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: Response): Promise<QualityReport | string> {
    const report = await this.ratings.report(principal, params.month);
    if (params.format !== 'csv') return report;
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="agency-ratings-${report.month}.csv"`);
    return ratingsCsv(report);
  }
}
