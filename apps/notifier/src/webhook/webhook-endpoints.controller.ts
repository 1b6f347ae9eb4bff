import { Body, Controller, Get, NotFoundException, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, IsUrl, MinLength } from 'class-validator';
import { assertAgencyAccess, Caller, CurrentCaller, mayAccessAgency, Roles } from '@otklik/auth';
import { MongoWebhookEndpointStore } from './webhook-endpoint.mongo';
import { WebhookEndpoint } from './webhook-endpoint.store';

export class WebhookEndpointDto {
  @ApiProperty() @IsString() agencyId: string;

  @ApiProperty({ example: 'https://agency.example.ru/otklik/hook' })
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  url: string;

  @ApiProperty({ description: 'Shared secret for the HMAC-SHA256 signature (at least 16 characters)' })
  @IsString()
  @MinLength(16)
  secret: string;
}

type PublicEndpoint = Omit<WebhookEndpoint, 'secret'>;

/**
 * Agencies' webhook endpoints; PUT also re-enables a disabled endpoint. The secret is never returned.
 * Agency staff manage their own agency's endpoints; another agency's is "not found".
 */
@ApiTags('webhooks')
@Roles('admin', 'supervisor', 'agency')
@Controller('v1/webhooks')
export class WebhookEndpointsController {
  constructor(private readonly store: MongoWebhookEndpointStore) {}

  @Put(':id')
  @ApiOperation({ summary: 'Create or replace (and re-enable) a webhook endpoint' })
  async put(@Param('id') id: string, @Body() body: WebhookEndpointDto, @CurrentCaller() caller: Caller): Promise<PublicEndpoint> {
    assertAgencyAccess(caller, body.agencyId);
    const existing = await this.store.get(id);
    if (existing && !mayAccessAgency(caller, existing.agencyId)) throw new NotFoundException(`webhook endpoint ${id} not found`);
    const { secret: _secret, ...rest } = await this.store.put({ id, ...body });
    return rest;
  }

  @Get(':id')
  @Roles('admin', 'operator', 'supervisor', 'agency')
  @ApiOperation({ summary: 'A webhook endpoint and its health' })
  async get(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<PublicEndpoint> {
    const endpoint = await this.store.get(id);
    if (!endpoint || !mayAccessAgency(caller, endpoint.agencyId)) throw new NotFoundException(`webhook endpoint ${id} not found`);
    const { secret: _secret, ...rest } = endpoint;
    return rest;
  }
}
