import { BeforeApplicationShutdown, Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Logger } from 'pino';
import { EventPublisher, OutboxBatch, OutboxRelay, publisherSender } from '@otklik/messaging';
import { InjectLogger } from '@otklik/platform';
import { routerConfig, RouterSettings } from '../config/router.config';
import { MongoSurgeStore } from '../surge/surge.mongo';
import { OutgoingEvent } from '../incidents/incident.model';
import { batchesOf, IncidentOutboxBatch, IncidentOutboxStore, SurgeOutboxStore } from './incident-outbox.store';
import { MongoIncidentStore } from '../incidents/incident.mongo';

/**
 * Publishes what writes left in outboxes through the messaging lib's relay, one over the incidents'
 * outboxes and one over surge claims: right after each write, and — for writes whose publisher died
 * before the broker had the events — from the relays' sweeps (`ROUTER_SWEEP_MS`). Events keep their
 * ids, so a second publication of one is skipped by consumers' ledgers.
 */
@Injectable()
export class OutboxPublisher implements OnModuleInit, BeforeApplicationShutdown {
  private readonly incidents: OutboxRelay<IncidentOutboxBatch>;
  private readonly surges: OutboxRelay<OutboxBatch<OutgoingEvent>>;

  constructor(publisher: EventPublisher, incidents: MongoIncidentStore, surges: MongoSurgeStore, @Inject(routerConfig.KEY) settings: RouterSettings, @InjectLogger() logger: Logger) {
    const sender = publisherSender(publisher);
    const options = { sweepIntervalMs: settings.sweepMs, batchSize: 200, markConcurrency: 4 };
    this.incidents = new OutboxRelay(new IncidentOutboxStore(incidents), sender, { ...options, name: 'router.incidents' }, logger);
    this.surges = new OutboxRelay(new SurgeOutboxStore(surges), sender, { ...options, name: 'router.surges' }, logger);
  }

  onModuleInit(): void {
    this.incidents.start();
    this.surges.start();
  }

  /** Stops the relays, waiting for a sweep in flight and the clearings under way, before the database connection closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([this.incidents.stop(), this.surges.stop()]);
  }

  /**
   * Publishes the events of an incident just inserted (in order); its outbox is cleared behind,
   * together with those of the other incidents being created at the same time. The handler does
   * not wait for the clearing: the broker has the events, and one slow or stuck clearing write
   * would otherwise hold up every incident being created; what is not cleared the sweep publishes
   * again under the same ids.
   */
  async publishInserted(incident: { id: string; version: number }, events: readonly OutgoingEvent[]): Promise<void> {
    await this.incidents.publishNow([{ holder: incident.id, version: incident.version, whole: true, events: [...events] }]);
  }

  /** Publishes incident events (in order) and waits until their incidents' outboxes are cleared. */
  async publish(events: readonly OutgoingEvent[]): Promise<void> {
    await this.incidents.publishNow(batchesOf(events), { untilCleared: true });
  }

  /** Publishes surge announcements and marks their claims. */
  async publishSurges(events: readonly OutgoingEvent[]): Promise<void> {
    await this.surges.publishNow(batchesOf(events), { untilCleared: true });
  }
}
