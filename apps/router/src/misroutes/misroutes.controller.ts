import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Roles } from '@otklik/auth';
import { IsISO8601 } from 'class-validator';
import { MisrouteSummary } from './misroute.model';
import { MongoMisrouteStore } from './misroute.mongo';

class PeriodQuery {
  @ApiProperty({ example: '2026-01-01T00:00:00Z' })
  @IsISO8601()
  from: string;

  @ApiProperty({ example: '2026-02-01T00:00:00Z' })
  @IsISO8601()
  to: string;
}

/** Wrong addresses: how many, whose rule, which agency, how much time they cost. */
@ApiTags('misroutes')
@Roles('admin', 'operator', 'supervisor')
@Controller('v1/misroutes')
export class MisroutesController {
  constructor(private readonly misroutes: MongoMisrouteStore) {}

  @Get('summary')
  @ApiOperation({ summary: 'Misroutes per rule, per agency and per decision method over a period' })
  summary(@Query() query: PeriodQuery): Promise<MisrouteSummary> {
    if (new Date(query.from) >= new Date(query.to)) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: ['to: must be after from'] });
    return this.misroutes.summary(new Date(query.from), new Date(query.to));
  }
}
