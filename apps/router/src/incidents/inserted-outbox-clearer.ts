import type { Logger } from 'pino';
import type { MongoIncidentStore } from './incident.mongo';

interface Waiting {
  version: number;
  eventIds: string[];
  done: () => void;
}

/**
 * Clears the outboxes of just-created incidents, many at a time: the handlers running at once
 * queue their incidents and one claim insert and one bulk write clear them all, instead of a read,
 * a claim and an update per incident. A failure leaves the events in the outbox: the sweep
 * publishes them again with the same ids, which consumers drop, and clears them.
 */
export class InsertedOutboxClearer {
  private readonly waiting = new Map<string, Waiting>();
  private running: Promise<void> = Promise.resolve();
  private scheduled = false;

  constructor(
    private readonly incidents: MongoIncidentStore,
    private readonly logger: Pick<Logger, 'warn'>,
    private readonly batchSize = 200,
    private readonly delayMs = 5,
  ) {}

  /** Queues an incident whose outbox holds only what its insert put there, all of it published; resolves once cleared (or left to the sweep). */
  clear(incidentId: string, version: number, eventIds: string[]): Promise<void> {
    const cleared = new Promise<void>((done) => this.waiting.set(incidentId, { version, eventIds, done }));
    if (!this.scheduled) {
      this.scheduled = true;
      setTimeout(() => void this.flush(), this.delayMs).unref();
    }
    return cleared;
  }

  /** Clears everything queued so far. */
  flush(): Promise<void> {
    this.scheduled = false;
    this.running = this.running.then(() => this.drain());
    return this.running;
  }

  private async drain(): Promise<void> {
    while (this.waiting.size > 0) {
      const batch = [...this.waiting].slice(0, this.batchSize).map(([id, item]) => ({ id, ...item }));
      for (const { id } of batch) this.waiting.delete(id);
      try {
        const left = new Set(await this.incidents.clearInsertedOutboxes(batch));
        // Another writer took the next version first: remove these events the careful way.
        for (const { id, eventIds } of batch) if (left.has(id)) await this.incidents.markPublished(id, eventIds);
      } catch (error) {
        this.logger.warn({ err: error, incidents: batch.length }, 'clearing published outboxes failed; the sweep will');
      } finally {
        for (const { done } of batch) done();
      }
    }
  }
}
