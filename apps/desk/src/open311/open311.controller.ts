import { applyDecorators, Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@otklik/auth';
import type { Response } from 'express';
import type { Principal } from '../access/principal';
import { ApiTokensService } from '../auth/api-tokens.service';
import { DeskRequest, Public } from '../auth/auth.decorators';
import { DeskError } from '../common/desk-error';
import { Open311ErrorsFilter } from './open311.filter';
import { Open311Format, splitFormat, toXml } from './open311.format';
import { Fields } from './open311.input';
import { GeoReportService } from './open311.service';

/** OpenAPI: the list endpoints' format extension (`services.json`; without one, JSON). */
const Extension = () => ApiParam({ name: 'ext', enum: ['json', 'xml'], description: 'Answer format; the path without it answers JSON' });

/** OpenAPI: a request's form fields, and who may post it. */
const Submission = () =>
  applyDecorators(
    ApiConsumes('application/x-www-form-urlencoded', 'application/json'),
    ApiBody({ description: 'Form fields per GeoReport v2, with api_key', schema: { type: 'object' } }),
    ApiErrors({ 403: 'api_key: missing, or its token may not post requests' }),
  );

/** Roles whose API tokens may post service requests. */
const SUBMITTERS = new Set(['integration', 'operator', 'supervisor']);

function formatOf(file: string): { id: string; format: Open311Format } {
  const parsed = splitFormat(file);
  if (!parsed || !parsed.id) throw DeskError.notFound(file);
  return parsed;
}

/** Format of a list endpoint (`services.json`); the spec knows JSON and XML only. */
function listFormat(ext: string | undefined): Open311Format {
  if (ext === undefined) return 'json';
  const format = ext.toLowerCase();
  if (format === 'json' || format === 'xml') return format;
  throw DeskError.notFound(`format ${ext}: use .json or .xml`);
}

function answer(response: Response, format: Open311Format, root: string, item: string, body: unknown[] | object): void {
  if (format === 'xml') response.type('application/xml').send(toXml(root, item, body));
  else response.json(body);
}

/**
 * Open311 GeoReport v2 (wiki.open311.org/GeoReport_v2): services are the taxonomy's topics,
 * requests are incidents. Reads are public; posting needs an API token as `api_key`.
 */
@ApiTags('open311')
@Public()
@UseFilters(Open311ErrorsFilter)
@Controller('open311/v2')
export class Open311Controller {
  constructor(
    private readonly georeport: GeoReportService,
    private readonly tokens: ApiTokensService,
  ) {}

  @Get('services{.:ext}')
  @ApiOperation({ summary: 'GET services.json|.xml — the services (topics) a request can be about' })
  @Extension()
  services(@Param('ext') ext: string | undefined, @Query() query: Fields, @Res() response: Response): void {
    const format = listFormat(ext);
    this.georeport.checkJurisdiction(query);
    answer(response, format, 'services', 'service', this.georeport.services());
  }

  @Get('services/:file')
  @ApiOperation({ summary: 'GET services/{service_code}.json|.xml — a service definition with its attributes' })
  definition(@Param('file') file: string, @Query() query: Fields, @Res() response: Response): void {
    const { id, format } = formatOf(file);
    this.georeport.checkJurisdiction(query);
    const definition = this.georeport.definition(id);
    answer(response, format, 'service_definition', 'attribute', definition);
  }

  @Post('requests{.:ext}')
  @HttpCode(201)
  @ApiOperation({ summary: 'POST requests.json|.xml — a new service request (form fields per the spec; api_key required)' })
  @Extension()
  @Submission()
  async create(@Param('ext') ext: string | undefined, @Body() body: Fields, @Req() request: DeskRequest, @Res() response: Response): Promise<void> {
    const format = listFormat(ext);
    this.georeport.checkJurisdiction(body);
    const principal = await this.submitter(body, request);
    request.principal = principal;
    const created = await this.georeport.submit(body, principal.id);
    response.status(201);
    answer(response, format, 'service_requests', 'request', [created]);
  }

  @Post('requests/:id/followups{.:ext}')
  @HttpCode(201)
  @ApiOperation({ summary: "POST requests/{service_request_id}/followups.json|.xml — Otklik's extension: the citizen's word on the answer (description, media_url; api_key required)" })
  @Extension()
  @Submission()
  @ApiErrors({ 422: 'service_request_id: the request was not made through Open311' })
  async followUp(@Param('id') id: string, @Param('ext') ext: string | undefined, @Body() body: Fields, @Req() request: DeskRequest, @Res() response: Response): Promise<void> {
    const format = listFormat(ext);
    this.georeport.checkJurisdiction(body);
    const principal = await this.submitter(body, request);
    request.principal = principal;
    const created = await this.georeport.followUp(id, body, principal.id);
    response.status(201);
    answer(response, format, 'service_requests', 'request', [created]);
  }

  /** Who posts: the `api_key` field's token, else the signed-in caller; only submitting roles may. */
  private async submitter(body: Fields, request: DeskRequest): Promise<Principal> {
    const key = typeof body.api_key === 'string' ? body.api_key : undefined;
    const principal = key ? await this.tokens.authenticate(key) : request.principal;
    if (!principal || !SUBMITTERS.has(principal.role)) throw DeskError.forbidden('api_key: missing or not allowed to post requests');
    return principal;
  }

  @Get('requests{.:ext}')
  @ApiOperation({ summary: 'GET requests.json|.xml — requests by id list, service, dates, status (90 days, 1000 at most)' })
  @Extension()
  async list(@Param('ext') ext: string | undefined, @Query() query: Fields, @Res() response: Response): Promise<void> {
    const format = listFormat(ext);
    this.georeport.checkJurisdiction(query);
    answer(response, format, 'service_requests', 'request', await this.georeport.list(query));
  }

  @Get('requests/:file')
  @ApiOperation({ summary: 'GET requests/{service_request_id}.json|.xml — one request' })
  async get(@Param('file') file: string, @Query() query: Fields, @Res() response: Response): Promise<void> {
    const { id, format } = formatOf(file);
    this.georeport.checkJurisdiction(query);
    answer(response, format, 'service_requests', 'request', [await this.georeport.get(id)]);
  }

  @Get('tokens/:file')
  @ApiOperation({ summary: 'GET tokens/{token}.json|.xml — the request id a token has become' })
  async token(@Param('file') file: string, @Query() query: Fields, @Res() response: Response): Promise<void> {
    const { id, format } = formatOf(file);
    this.georeport.checkJurisdiction(query);
    answer(response, format, 'service_requests', 'request', [await this.georeport.token(id)]);
  }
}
