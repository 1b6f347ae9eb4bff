import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentCaller, mayAccessAgency, Roles } from '@otklik/auth';
import { Incident } from './incident.model';
import { MongoIncidentStore } from './incident.mongo';

function visibleTo(incident: Incident, caller: Caller): boolean {
  return [incident.agencyId, ...(incident.coExecutorIds ?? [])].some((agencyId) => mayAccessAgency(caller, agencyId));
}

/**
 * Incidents as the router keeps them: posts, state, decision with reasons, returns, history.
 * Agency staff see the incidents their agency holds or co-executes; any other is "not found".
 */
@ApiTags('incidents')
@Roles('admin', 'operator', 'supervisor', 'service', 'agency')
@Controller('v1/incidents')
export class IncidentsController {
  constructor(private readonly incidents: MongoIncidentStore) {}

  @Get(':idOrNumber')
  @ApiOperation({ summary: 'One incident by id or by number (78-2026-000123), with its full history' })
  async get(@Param('idOrNumber') idOrNumber: string, @CurrentCaller() caller: Caller): Promise<Incident> {
    const incident = /^\d{2,3}-\d{4}-\d+$/.test(idOrNumber) ? await this.incidents.findByNumber(idOrNumber) : await this.incidents.get(idOrNumber);
    if (!incident || !visibleTo(incident, caller)) throw new NotFoundException({ statusCode: 404, error: 'Not Found', message: [`incident ${idOrNumber} not found`] });
    return incident;
  }

  @Get('by-post/:postId')
  @ApiOperation({ summary: 'The live incident a post belongs to' })
  async byPost(@Param('postId') postId: string, @CurrentCaller() caller: Caller): Promise<Incident> {
    const incident = await this.incidents.findByPost(postId);
    if (!incident || !visibleTo(incident, caller)) throw new NotFoundException({ statusCode: 404, error: 'Not Found', message: [`no incident holds post ${postId}`] });
    return incident;
  }
}
