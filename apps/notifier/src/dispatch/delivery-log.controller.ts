import { Controller, Get, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, Min } from 'class-validator';
import { Roles } from '@otklik/auth';
import { CHANNELS, Channel } from '@otklik/contracts';
import { DeliveryService } from './delivery.service';
import { DELIVERY_STATUSES, DeliveryRecord, DeliveryStatus } from '../delivery-log/delivery-log.store';
import { MongoDeliveryStore } from '../delivery-log/delivery-log.mongo';

export class DeliveryQueryDto {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES, description: '`failed` lists the dead-letter queue, `held` the answers waiting for an operator' })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;

  @ApiPropertyOptional({ enum: CHANNELS })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;

  @ApiPropertyOptional() @IsOptional() @IsString() recipient?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() incidentId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() eventId?: string;

  @ApiPropertyOptional({ description: 'Page: deliveries updated before this time' })
  @IsOptional()
  @IsISO8601()
  before?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

/**
 * The delivery log: what was sent to whom, how many attempts, what failed and what is held. The
 * centre's: it names every agency's recipients. Releasing a held answer is a supervisor's decision.
 */
@ApiTags('deliveries')
@Roles('admin', 'operator', 'supervisor')
@Controller('v1/deliveries')
export class DeliveryLogController {
  constructor(
    private readonly store: MongoDeliveryStore,
    private readonly deliveries: DeliveryService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List deliveries, newest first' })
  list(@Query() q: DeliveryQueryDto): Promise<DeliveryRecord[]> {
    return this.store.list({ ...q, before: q.before ? new Date(q.before) : undefined, limit: q.limit ?? 50 });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One delivery' })
  async get(@Param('id') id: string): Promise<DeliveryRecord> {
    const record = await this.store.get(id);
    if (!record) throw new NotFoundException(`delivery ${id} not found`);
    return record;
  }

  @Post(':id/release')
  @Roles('admin', 'supervisor')
  @ApiOperation({ summary: 'Send a held (flagged) or dead-lettered delivery now' })
  async release(@Param('id') id: string): Promise<DeliveryRecord> {
    const record = await this.deliveries.release(id);
    if (!record) throw new NotFoundException(`delivery ${id} is not held or failed`);
    return record;
  }
}
