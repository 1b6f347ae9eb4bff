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
    /** The event this one answers (entries stored before it was kept have none). */
    causationId?: string;
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
    ...(envelope.causationId && { causationId: envelope.causationId }),
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

/**
 * Entries in the order a person reads them: by time and, within one instant, each after the
 * event it answers (the sla-tracker's «срок соблюдён» after the answer that stopped the clock),
 * then by id. For display only: the reducers fold in `byTime` order, which the services' event
 * ids are chosen for.
 */
export function inReadingOrder<E extends Pick<TimelineEntry, 'at' | 'eventId' | 'causationId'>>(entries: readonly E[]): E[] {
  const byId = new Map(entries.map((entry) => [entry.eventId, entry]));
  const depths = new Map<string, number>();
  const depthOf = (entry: E, seen: Set<string>): number => {
    const known = depths.get(entry.eventId);
    if (known !== undefined) return known;
    const cause = entry.causationId === undefined ? undefined : byId.get(entry.causationId);
    // Only a cause of the same instant decides the order; `seen` stops a malformed cycle.
    const depth = cause && cause.at === entry.at && !seen.has(cause.eventId) ? depthOf(cause, seen.add(entry.eventId)) + 1 : 0;
    depths.set(entry.eventId, depth);
    return depth;
  };
  for (const entry of entries) depthOf(entry, new Set());
  return [...entries].sort((a, b) => (a.at !== b.at ? (a.at < b.at ? -1 : 1) : (depths.get(a.eventId) ?? 0) - (depths.get(b.eventId) ?? 0) || byTime(a, b)));
}
