import { createEvent, derivedEventId, PayloadOf } from '@otklik/contracts';
import type { OutboxMessage } from '@otklik/messaging';
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

/** A clock event as the message that goes to its sla.* topic, keyed by incident, with the event beside it. */
export interface ClockMessage extends OutboxMessage {
  event: ClockEvent;
}

/** The message of a clock event; its id is derived from the fact, so a republish after a crash is recognised downstream. */
export function clockMessage(event: ClockEvent): ClockMessage {
  const out = toOutgoing(event);
  const identity = { id: derivedEventId(event.key, event.at, RANK[event.kind]), correlationId: event.correlationId ?? event.facts.incidentId, causationId: event.causationId };
  const envelope = createEvent(out.topic, out.payload as PayloadOf<typeof out.topic>, identity, new Date(event.at));
  return { topic: out.topic, key: event.facts.incidentId, envelope, event };
}
