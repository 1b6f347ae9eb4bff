import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, MongooseHealthIndicator } from '@nestjs/terminus';
import { Public } from '@otklik/auth';
import { KafkaHealthIndicator } from './kafka.health';

/** Liveness and readiness for orchestrators and ops engineers. */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: MongooseHealthIndicator,
    private readonly kafka: KafkaHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: Kafka broker, producer, consumer and the database (same as /health/ready)' })
  @ApiServiceUnavailableResponse({ description: 'Kafka or the database is unreachable' })
  overall() {
    return this.ready();
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: 503 while Kafka or the database is unreachable' })
  @ApiServiceUnavailableResponse({ description: 'Kafka or the database is unreachable' })
  ready() {
    return this.health.check([() => this.kafka.check('kafka'), () => this.database.pingCheck('database', { timeout: 1500 })]);
  }

  @Get('live')
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness: the process answers' })
  live() {
    return this.health.check([]);
  }
}
