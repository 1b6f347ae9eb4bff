import type { OutboxBatch, OutboxStore } from '@otklik/messaging';
import type { MongoSurgeStore } from '../surge/surge.mongo';
import type { OutgoingEvent } from '../incidents/incident.model';
import type { MongoIncidentStore } from '../incidents/incident.mongo';

/**
 * Events of one incident's outbox: `holder` is the incident id, `version` its version after the
 * write (or when a sweep read it). `whole` says the events are all its outbox held at that version
 * (an insert's, a sweep's): such a batch is cleared without reading the incident first.
 */
export interface IncidentOutboxBatch extends OutboxBatch<OutgoingEvent> {
  whole?: boolean;
}

/** Clearing writes by the careful way (a read, a claim, an update) running at once per call. */
const CAREFUL_CONCURRENCY = 16;

/** The events of a write, one batch per incident (a merge or a split touches several). */
export function batchesOf(events: readonly OutgoingEvent[]): IncidentOutboxBatch[] {
  const byIncident = new Map<string, IncidentOutboxBatch>();
  for (const event of events) {
    const batch = byIncident.get(event.key) ?? { holder: event.key, version: 0, events: [] };
    batch.events.push(event);
    byIncident.set(event.key, batch);
  }
  return [...byIncident.values()];
}

async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

/**
 * The incidents' outboxes as the relay's store. Whole outboxes are cleared many at a time (one
 * claim insert and one bulk write: `clearInsertedOutboxes`); the rest, and those another writer
 * moved on meanwhile, are removed event by event under a version claim like any other write.
 */
export class IncidentOutboxStore implements OutboxStore<IncidentOutboxBatch> {
  constructor(private readonly incidents: MongoIncidentStore) {}

  async pending(limit: number): Promise<IncidentOutboxBatch[]> {
    const found = await this.incidents.pendingOutbox(limit);
    // The outbox is a map: its events in the order they were made (UUIDv7 ids).
    return found.map(({ incidentId, version, events }) => ({ holder: incidentId, version, whole: true, events: [...events].sort((a, b) => a.envelope.id.localeCompare(b.envelope.id)) }));
  }

  async markPublished(published: IncidentOutboxBatch[]): Promise<void> {
    const whole = published.filter((b) => b.whole);
    const left = new Set(whole.length > 0 ? await this.incidents.clearInsertedOutboxes(whole.map((b) => ({ id: b.holder, version: b.version }))) : []);
    const careful = published.filter((b) => !b.whole || left.has(b.holder));
    await eachLimited(careful, CAREFUL_CONCURRENCY, (b) =>
      this.incidents.markPublished(
        b.holder,
        b.events.map((e) => e.envelope.id),
      ),
    );
  }
}

/** Surge announcements (claims in their own collection) as the relay's store, a batch per surge key. */
export class SurgeOutboxStore implements OutboxStore<OutboxBatch<OutgoingEvent>> {
  constructor(
    private readonly surges: MongoSurgeStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** Claims a moment old: younger ones are their writer's to publish. */
  async pending(limit: number): Promise<OutboxBatch<OutgoingEvent>[]> {
    return batchesOf(await this.surges.pending(new Date(this.now() - 5_000), limit));
  }

  async markPublished(published: OutboxBatch<OutgoingEvent>[]): Promise<void> {
    await this.surges.markPublished(published.flatMap((b) => b.events.map((e) => e.envelope.id)));
  }
}
