import { Injectable } from '@nestjs/common';
import { createEvent, derivedEventId, PayloadOf } from '@otklik/contracts';
import { EventPublisher } from '@otklik/messaging';
import { ClockEventSink } from '../clock-engine/clock.engine';
import { ClockEvent } from '../clock/clock.types';
import { toOutgoing } from './clock-event.mapper';

/**
 * Causal rank of a clock fact within one millisecond: a clock paused by a return and resumed by
 * the reroute of the same instant must reach consumers (desk orders one instant by id) paused
 * first, or the clock would look paused for good.
 */
const RANK: Record<ClockEvent['kind'], number> = {
  armed: 1,
  paused: 2,
  resumed: 3,
  warning: 4,
  breached: 5,
  escalated: 6,
  met: 7,
  reopened: 8,
};

/** Publishes clock events to their sla.* topics, keyed by incident, with ids derived from the facts. */
@Injectable()
export class KafkaClockSink implements ClockEventSink {
  constructor(private readonly publisher: EventPublisher) {}

  async publish(events: ClockEvent[]): Promise<void> {
    await Promise.all(
      events.map((event) => {
        const out = toOutgoing(event);
        // Same fact, same id: a republish after a crash is recognised downstream.
        const identity = { id: derivedEventId(event.key, event.at, RANK[event.kind]), correlationId: event.correlationId ?? event.facts.incidentId, causationId: event.causationId };
        const envelope = createEvent(out.topic, out.payload as PayloadOf<typeof out.topic>, identity, new Date(event.at));
        return this.publisher.send(out.topic, envelope, event.facts.incidentId);
      }),
    );
  }
}
