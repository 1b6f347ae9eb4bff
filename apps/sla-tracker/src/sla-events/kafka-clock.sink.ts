import { Injectable } from '@nestjs/common';
import { EventPublisher, OutboxSender, publisherSender } from '@otklik/messaging';
import { ClockEvent } from '../clock/clock.types';
import type { ClockEventSink } from './clock-event.sink';
import { clockMessage } from './clock-message';

/** Publishes clock events to their sla.* topics, keyed by incident, with ids derived from the facts. */
@Injectable()
export class KafkaClockSink implements ClockEventSink {
  private readonly sender: OutboxSender;

  constructor(publisher: EventPublisher) {
    this.sender = publisherSender(publisher);
  }

  async publish(events: ClockEvent[]): Promise<void> {
    await this.sender.publish(events.map(clockMessage));
  }
}
