import { BaseRpcContext } from '@nestjs/microservices';
import { KafkaMessage } from 'kafkajs';

/** What a handler can learn about the Kafka message behind an event (`@Ctx()`). */
export class KafkaEventContext extends BaseRpcContext<[KafkaMessage, string, number]> {
  /** The raw message. */
  getMessage(): KafkaMessage {
    return this.args[0];
  }

  /** Catalogue topic name (without the test prefix). */
  getTopic(): string {
    return this.args[1];
  }

  /** Partition the message came from. */
  getPartition(): number {
    return this.args[2];
  }
}
