import { Module } from '@nestjs/common';
import { KafkaClockSink } from './kafka-clock.sink';

/** Clock events out to their sla.* topics. */
@Module({
  providers: [KafkaClockSink],
  exports: [KafkaClockSink],
})
export class SlaEventsModule {}
