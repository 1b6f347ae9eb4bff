import { Incident, IncidentPlace, OutgoingEvent } from './incident.model';

/** Another writer changed the incident between read and write; read again and retry. */
export class ConcurrentUpdateError extends Error {
  /** A later try will do: the event is not at fault (see the messaging lib's retries). */
  readonly retryLater = true;

  constructor(readonly incidentId: string) {
    super(`incident ${incidentId} changed concurrently`);
    this.name = 'ConcurrentUpdateError';
  }
}

/** Open incidents of a taxonomy topic near a territory, for grouping posts. */
export interface OpenIncidentQuery {
  topicCode: string;
  territoryCode: string;
  /** Only incidents with a post at or after this time. */
  since: Date;
  /** Only incidents at this place: the same address, or coordinates within `withinMeters` (see `samePlace`). */
  near?: { place: IncidentPlace | undefined; withinMeters: number };
}

/**
 * Where incidents live. Every write carries the events it causes (an outbox inside the incident
 * document), so that a crash between the write and the publish loses nothing: the events are
 * published from the outbox and removed once the broker has them.
 */
export interface IncidentStore {
  get(id: string): Promise<Incident | undefined>;
  /** The live incident holding a post (a merged-away incident is not live). */
  findByPost(postId: string): Promise<Incident | undefined>;
  findOpen(query: OpenIncidentQuery): Promise<Incident[]>;
  /** Incidents answered before `cutoff` and not closed yet. */
  findAnsweredBefore(cutoff: Date, limit: number): Promise<Incident[]>;
  /** Stores a new incident (version 1) with its outbox. */
  insert(incident: Incident, outbox: readonly OutgoingEvent[]): Promise<void>;
  /** Stores `incident` if the stored version is `incident.version - 1`; throws ConcurrentUpdateError otherwise. */
  save(incident: Incident, outbox: readonly OutgoingEvent[]): Promise<void>;
  /** Removes published events from an incident's outbox. */
  markPublished(incidentId: string, eventIds: readonly string[]): Promise<void>;
  /** Incidents with events still in the outbox (after a crash), oldest first, at the version read. */
  pendingOutbox(limit: number): Promise<{ incidentId: string; version: number; events: OutgoingEvent[] }[]>;
}

/** Bumps the version: the next save must find the one read. */
export function nextVersion(incident: Incident): Incident {
  return { ...incident, version: incident.version + 1 };
}

/**
 * Runs read-modify-write until it saves without a concurrent change (or gives up after
 * `attempts`, letting the caller's retry or dead-letter take over).
 */
export async function withOptimisticRetry<T>(attempt: () => Promise<T>, attempts = 8): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ConcurrentUpdateError) || i >= attempts) throw error;
      // Writers that collided try again at random moments, not all at once (a burst of posts joining one incident).
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * 2 ** i));
    }
  }
}
