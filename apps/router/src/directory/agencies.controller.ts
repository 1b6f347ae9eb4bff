import { Body, Controller, Delete, Get, HttpCode, NotFoundException, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { agencyScopeOf, assertAgencyAccess, Caller, CurrentCaller, Roles } from '@otklik/auth';
import { DirectoryService } from './directory.service';
import { directoryCall, DirectoryWriteAnswers, importBody, sameKey } from './directory-http';
import { TOPIC_PATTERN, topicCovers } from '../shared/topics';
import { AgencyDto } from '../agencies/agency.dto';
import { Agency, AGENCY_KINDS, AgencyKind } from '../agencies/agency.model';

class AgencyQuery {
  @ApiPropertyOptional({ description: 'agencies serving this territory or one enclosing it', example: '40:nevsky' })
  @IsOptional()
  @IsString()
  territory?: string;

  @ApiPropertyOptional({ enum: AGENCY_KINDS })
  @IsOptional()
  @IsIn(AGENCY_KINDS)
  kind?: AgencyKind;

  @ApiPropertyOptional({ description: 'agencies whose topicCodes cover this taxonomy code', example: 'housing.heating' })
  @IsOptional()
  @Matches(TOPIC_PATTERN, { message: 'topicCode must be a taxonomy code' })
  topicCode?: string;
}

/** Agencies: who answers, where, for what, when. Changed by admins; agency staff see their own only. */
@ApiTags('agencies')
@Roles('admin')
@Controller('v1/agencies')
export class AgenciesController {
  constructor(private readonly directory: DirectoryService) {}

  @Get()
  @Roles('admin', 'operator', 'supervisor', 'service', 'agency')
  @ApiOperation({ summary: 'List agencies (filter by territory, kind, topicCode); agency staff get their own agency only' })
  @ApiOkResponse({ type: [AgencyDto] })
  list(@Query() query: AgencyQuery, @CurrentCaller() caller: Caller): Agency[] {
    const scope = agencyScopeOf(caller);
    const agencies = this.directory.engine().agencies;
    const path = query.territory ? agencies.territories.pathOf(query.territory) : undefined;
    return agencies
      .all()
      .filter((a) => (path === undefined || path.includes(a.territoryCode)) && (query.kind === undefined || a.kind === query.kind))
      .filter((a) => query.topicCode === undefined || a.topicCodes.some((p) => topicCovers(p, query.topicCode ?? '')))
      .filter((a) => scope === undefined || a.id === scope)
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  @Get(':id')
  @Roles('admin', 'operator', 'supervisor', 'service', 'agency')
  @ApiOkResponse({ type: AgencyDto })
  get(@Param('id') id: string, @CurrentCaller() caller: Caller): Agency {
    assertAgencyAccess(caller, id, 'id');
    const agency = this.directory.engine().agencies.get(id);
    if (!agency) throw new NotFoundException({ statusCode: 404, error: 'Not Found', message: [`agency ${id} not found`] });
    return agency;
  }

  @Put(':id')
  @DirectoryWriteAnswers()
  @ApiOperation({ summary: 'Create or replace an agency (deactivate with active: false)' })
  async put(@Param('id') id: string, @Body() body: AgencyDto): Promise<Agency> {
    sameKey('id', id, body.id);
    await directoryCall(() => this.directory.putAgencies([body]));
    return body;
  }

  @Delete(':id')
  @DirectoryWriteAnswers()
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an agency no rule or agency depends on' })
  async remove(@Param('id') id: string): Promise<void> {
    await directoryCall(() => this.directory.deleteAgency(id));
  }

  @Post('import')
  @DirectoryWriteAnswers()
  @HttpCode(200)
  @ApiOperation({ summary: "Create or replace many agencies (a seed file's content)" })
  @ApiBody({ type: [AgencyDto] })
  async import(@Body() body: unknown): Promise<{ imported: number }> {
    const records = importBody(body, AgencyDto);
    await directoryCall(() => this.directory.putAgencies(records));
    return { imported: records.length };
  }
}
