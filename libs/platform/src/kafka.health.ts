import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { KafkaConnection, KafkaEventServer } from '@otklik/messaging';

/** Readiness of the Kafka side: a broker answers, the producer is connected, the consumer runs. */
@Injectable()
export class KafkaHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly connection: KafkaConnection,
    private readonly server: KafkaEventServer,
  ) {}

  async check(key = 'kafka'): Promise<HealthIndicatorResult> {
    const session = this.indicators.check(key);
    const consumer = this.server.state;
    const producer = this.connection.producerReady ? 'connected' : 'disconnected';
    try {
      await this.connection.ping(1500);
    } catch (error) {
      return session.down({ broker: (error as Error).message, producer, consumer });
    }
    if (consumer !== 'running') return session.down({ broker: 'up', producer, consumer });
    return session.up({ broker: 'up', producer, consumer });
  }
}
