import { BadRequestException, Controller, Get, Header, Query, Res } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { Response } from 'express';
import { Caller, CurrentCaller, mayAccessAgency, Roles } from '@otklik/auth';
import { AgencyKpi, KpiService, MAX_REPORT_SPAN_MS, toCsv } from './kpi.service';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Period of the report: [from, to), dates in UTC. */
export class KpiQuery {
  @ApiProperty({ example: '2025-03-01', description: 'First day of the period (YYYY-MM-DD, UTC)' })
  @Matches(DATE, { message: 'from must be a date YYYY-MM-DD' })
  from: string;

  @ApiProperty({ example: '2025-04-01', description: 'Day after the period (YYYY-MM-DD, UTC)' })
  @Matches(DATE, { message: 'to must be a date YYYY-MM-DD' })
  to: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

/** The agencies' monthly-rating figures over HTTP; agency staff get their own agency's row only. */
@Roles('admin', 'operator', 'supervisor', 'service', 'agency')
@Controller('kpi')
export class KpiController {
  constructor(private readonly kpi: KpiService) {}

  /** Per agency: on-time share, median answer time, overdue, returned and rerouted counts. */
  @Get('agencies')
  @Header('Cache-Control', 'no-store')
  async agencies(@Query() query: KpiQuery, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) res: Response): Promise<{ from: string; to: string; agencies: AgencyKpi[] } | string> {
    const from = new Date(`${query.from}T00:00:00Z`);
    const to = new Date(`${query.to}T00:00:00Z`);
    if (Number.isNaN(from.getTime())) throw new BadRequestException(['from is not a real date']);
    if (Number.isNaN(to.getTime())) throw new BadRequestException(['to is not a real date']);
    if (to <= from) throw new BadRequestException(['to must be after from']);
    if (to.getTime() - from.getTime() > MAX_REPORT_SPAN_MS) throw new BadRequestException(['to: a report spans at most 12 months']);
    const agencies = (await this.kpi.report(from, to)).filter((row) => mayAccessAgency(caller, row.agencyId));
    if (query.format === 'csv') {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="sla-kpi-${query.from}-${query.to}.csv"`);
      return toCsv(agencies);
    }
    return { from: query.from, to: query.to, agencies };
  }
}
