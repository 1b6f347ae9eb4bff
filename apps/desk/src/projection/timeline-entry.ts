import { currentTopic, EventEnvelope, PayloadOf, TopicName, upgradedPayload } from '@otklik/contracts';

/**
 * One event as the read model keeps it: the envelope's facts and the payload as plain data.
 * `topic` discriminates the payload type, so reducers switch on it and get typed payloads.
 */
export type TimelineEntry = {
  [T in TopicName]: {
    eventId: string;
    topic: T;
    type: string;
    /** When the fact happened (ISO 8601 UTC): the timeline is ordered by it, then by event id. */
    at: string;
    producedBy: string;
    correlationId: string;
    payload: PayloadOf<T>;
  };
}[TopicName];

/** Normalises a date-time to ISO 8601 UTC, so stored strings compare in time order. */
export function isoUtc(value: string | Date): string {
  return new Date(value).toISOString();
}

/** The entry kept for a decoded event; the payload is copied to plain JSON data. */
export function toTimelineEntry(topic: TopicName, envelope: EventEnvelope<object>): TimelineEntry {
  return {
    eventId: envelope.id,
    topic,
    type: envelope.type,
    at: isoUtc(envelope.occurredAt),
    producedBy: envelope.producedBy,
    correlationId: envelope.correlationId,
    payload: JSON.parse(JSON.stringify(envelope.payload)),
  } as TimelineEntry;
}

/**
 * A stored entry as the current events carry it: one kept from a superseded topic (before an
 * upgrade) gets the topic that superseded it and the upgraded payload, so the reducers fold it.
 */
export function currentEntry(entry: TimelineEntry): TimelineEntry {
  const topic = currentTopic(entry.topic);
  return topic === entry.topic ? entry : ({ ...entry, topic, payload: upgradedPayload(entry.topic, entry.payload) } as TimelineEntry);
}

/** The stored timeline as the current events carry it (see `currentEntry`). */
export function currentTimeline(timeline: TimelineEntry[] | undefined): TimelineEntry[] | undefined {
  return timeline?.map(currentEntry);
}

/** Time order with the event id (UUIDv7, itself time-ordered) breaking ties. */
export function byTime(a: Pick<TimelineEntry, 'at' | 'eventId'>, b: Pick<TimelineEntry, 'at' | 'eventId'>): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  return a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;
}

/** Inserts an entry in time order unless an entry with its id is already there. */
export function withEntry<E extends Pick<TimelineEntry, 'at' | 'eventId'>>(timeline: E[], entry: E): E[] | undefined {
  if (timeline.some((existing) => existing.eventId === entry.eventId)) return undefined;
  return [...timeline, entry].sort(byTime);
}
