import { Body, Controller, Get, NotFoundException, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, IsUrl, MinLength } from 'class-validator';
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

/** Agencies' webhook endpoints; PUT also re-enables a disabled endpoint. The secret is never returned. */
@ApiTags('webhooks')
@Controller('v1/webhooks')
export class WebhookEndpointsController {
  constructor(private readonly store: MongoWebhookEndpointStore) {}

  @Put(':id')
  @ApiOperation({ summary: 'Create or replace (and re-enable) a webhook endpoint' })
  async put(@Param('id') id: string, @Body() body: WebhookEndpointDto): Promise<PublicEndpoint> {
    const { secret: _secret, ...rest } = await this.store.put({ id, ...body });
    return rest;
  }

  @Get(':id')
  @ApiOperation({ summary: 'A webhook endpoint and its health' })
  async get(@Param('id') id: string): Promise<PublicEndpoint> {
    const endpoint = await this.store.get(id);
    if (!endpoint) throw new NotFoundException(`webhook endpoint ${id} not found`);
    const { secret: _secret, ...rest } = endpoint;
    return rest;
  }
}
