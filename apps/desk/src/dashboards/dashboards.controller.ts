import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@otklik/auth';
import { IsOptional, Matches } from 'class-validator';
import { Roles } from '../auth/auth.decorators';
import { CountersService } from './counters.service';
import { Dashboard, DashboardsService } from './dashboards.service';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class DashboardParams {
  @ApiPropertyOptional({ example: '2026-01-01', description: "First day (in the management centre's time zone); 30 days ago by default" })
  @IsOptional()
  @Matches(DAY, { message: 'from must be a day as YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-01-31', description: 'Last day; today by default' })
  @IsOptional()
  @Matches(DAY, { message: 'to must be a day as YYYY-MM-DD' })
  to?: string;
}

@ApiTags('dashboards')
@Controller('api/v1/dashboards')
export class DashboardsController {
  constructor(
    private readonly dashboards: DashboardsService,
    private readonly counters: CountersService,
  ) {}

  @Get()
  @Roles('operator', 'supervisor', 'admin')
  @ApiOperation({ summary: 'Volume by category and territory, on-time share by agency, breaches today' })
  @ApiErrors({ 422: 'from is after to, or the period is longer than allowed' })
  get(@Query() params: DashboardParams): Promise<Dashboard> {
    return this.dashboards.build(params.from, params.to);
  }

  @Post('recount')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Rebuild the counters from the incidents (repair after a crash)' })
  async recount(): Promise<{ counters: number }> {
    return { counters: await this.counters.recount() };
  }
}
