import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@otklik/auth';
import type { Principal } from '../access/principal';
import { CurrentPrincipal } from '../auth/auth.decorators';
import { Queue } from '../projection/incident-query';
import { IncidentDetail } from './incident.presenter';
import { IncidentListParams, MapParams, toIncidentQuery } from './incidents.dto';
import { IncidentPage, IncidentsService, MapPoint } from './incidents.service';

@ApiTags('incidents')
@Controller('api/v1/incidents')
export class IncidentsController {
  constructor(private readonly incidents: IncidentsService) {}

  @Get()
  @ApiOperation({ summary: "List, filter and search incidents (agency staff see only their agency's)" })
  @ApiErrors({ 422: 'q has no word to search for, or state is unknown' })
  list(@Query() params: IncidentListParams, @CurrentPrincipal() principal: Principal): Promise<IncidentPage> {
    return this.incidents.list(toIncidentQuery(params), principal);
  }

  @Get('queues')
  @ApiOperation({ summary: 'Sizes of the queues: new, low confidence, overdue' })
  queues(@CurrentPrincipal() principal: Principal): Promise<Record<Queue, number>> {
    return this.incidents.queueSizes(principal);
  }

  @Get('map')
  @ApiOperation({ summary: 'Incidents with coordinates, as points' })
  @ApiErrors({ 422: 'q has no word to search for, or state is unknown' })
  map(@Query() params: MapParams, @CurrentPrincipal() principal: Principal): Promise<MapPoint[]> {
    return this.incidents.mapPoints(toIncidentQuery(params, 2000), principal);
  }

  @Get(':incidentId')
  @ApiOperation({ summary: 'One incident with its whole timeline: posts, classification, routing, clocks, notifications, answers' })
  detail(@Param('incidentId') incidentId: string, @CurrentPrincipal() principal: Principal): Promise<IncidentDetail> {
    return this.incidents.detail(incidentId, principal);
  }
}
