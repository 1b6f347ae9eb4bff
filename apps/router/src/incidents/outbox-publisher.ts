import { BeforeApplicationShutdown, Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Logger } from 'pino';
import { EventPublisher } from '@otklik/messaging';
import { InjectLogger, PeriodicTask } from '@otklik/platform';
import { routerConfig, RouterSettings } from '../config/router.config';
import { MongoSurgeStore } from '../surge/surge.mongo';
import { closeAnswered } from './incident-closer';
import { OutgoingEvent } from './incident.model';
import { InsertedOutboxClearer } from './inserted-outbox-clearer';
import { MongoIncidentStore } from './incident.mongo';

/**
 * Publishes what writes left in outboxes: right after each write, and — for writes whose
 * publisher died before the broker had the events — from a periodic sweep, which also closes
 * answered incidents past their time. Events keep their ids, so a second publication of one is
 * skipped by consumers' ledgers.
 */
@Injectable()
export class OutboxPublisher implements OnModuleInit, BeforeApplicationShutdown {
  private readonly sweeper: PeriodicTask;
  private readonly inserted: InsertedOutboxClearer;

  constructor(
    private readonly publisher: EventPublisher,
    private readonly incidents: MongoIncidentStore,
    private readonly surges: MongoSurgeStore,
    @Inject(routerConfig.KEY) private readonly settings: RouterSettings,
    @InjectLogger() logger: Logger,
  ) {
    this.sweeper = new PeriodicTask('outbox sweep', settings.sweepMs, () => this.sweepOnce(new Date()), logger);
    this.inserted = new InsertedOutboxClearer(incidents, logger);
  }

  onModuleInit(): void {
    this.sweeper.start();
  }

  /** Stops sweeping, waits for a sweep in flight and clears the queued outboxes, before the database connection closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.sweeper.stop();
    await this.inserted.flush();
  }

  /**
   * Publishes the events of an incident just inserted (in order) and queues its outbox to be
   * cleared together with those of the other incidents being created at the same time. The
   * handler does not wait for the clearing: the broker has the events, and one slow or stuck
   * clearing write would otherwise hold up every incident being created); what is not cleared
   * the sweep publishes again under the same ids.
   */
  async publishInserted(incident: { id: string; version: number }, events: readonly OutgoingEvent[]): Promise<void> {
    for (const event of events) await this.publisher.send(event.topic, event.envelope, event.key);
    if (events.length > 0)
      void this.inserted.clear(
        incident.id,
        incident.version,
        events.map((e) => e.envelope.id),
      );
  }

  /** Publishes incident events (in order) and clears them from their incidents' outboxes. */
  async publish(events: readonly OutgoingEvent[]): Promise<void> {
    for (const event of events) await this.publisher.send(event.topic, event.envelope, event.key);
    const byIncident = new Map<string, string[]>();
    for (const e of events) byIncident.set(e.key, [...(byIncident.get(e.key) ?? []), e.envelope.id]);
    for (const [incidentId, ids] of byIncident) await this.incidents.markPublished(incidentId, ids);
  }

  /** Publishes surge announcements and marks their claims. */
  async publishSurges(events: readonly OutgoingEvent[]): Promise<void> {
    for (const event of events) await this.publisher.send(event.topic, event.envelope, event.key);
    await this.surges.markPublished(events.map((e) => e.envelope.id));
  }

  /** One sweep: leftover outboxes, leftover surges, answered incidents to close. */
  private async sweepOnce(now: Date): Promise<void> {
    for (const { events } of await this.incidents.pendingOutbox(100)) {
      events.sort((a, b) => a.envelope.id.localeCompare(b.envelope.id));
      await this.publish(events);
    }
    await this.publishSurges(await this.surges.pending(new Date(now.getTime() - 5_000), 100));
    const closed = await closeAnswered(this.incidents, this.settings.closing, now, { correlationId: `close-${now.toISOString()}` });
    await this.publish(closed.flatMap((c) => c.events));
  }
}
