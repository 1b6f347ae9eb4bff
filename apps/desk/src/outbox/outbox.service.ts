import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import type { EventEnvelope } from '@otklik/contracts';
import { EventPublisher, OutboxBatch, OutboxRelay, publisherSender } from '@otklik/messaging';
import { InjectLogger, PeriodicTask } from '@otklik/platform';
import { DeskOutboxStore } from './outbox.store';

/** Sent entries are kept a week for inspection, then purged (no TTL indexes on FerretDB). */
const KEEP_SENT_MS = 7 * 86_400_000;
const PURGE_EVERY_MS = 3_600_000;

/**
 * Transactional outbox without transactions: a command is first stored here (so an accepted
 * request is never lost), then the messaging lib's relay publishes it, each subject's in order,
 * and marks it sent. A crash between publish and mark sends the event again; consumers
 * deduplicate by event id.
 */
@Injectable()
export class OutboxService implements OnModuleInit, OnModuleDestroy {
  private readonly relay: OutboxRelay<OutboxBatch>;
  private readonly purgeJob: PeriodicTask;

  constructor(
    private readonly outbox: DeskOutboxStore,
    publisher: EventPublisher,
    @InjectLogger() logger: Logger,
  ) {
    this.relay = new OutboxRelay(outbox, publisherSender(publisher), { name: 'desk.commands', batchSize: 100, sweepIntervalMs: 10_000 }, logger);
    this.purgeJob = new PeriodicTask('outbox purge', PURGE_EVERY_MS, () => this.purgeSent(), logger);
  }

  onModuleInit(): void {
    this.relay.start();
    this.purgeJob.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.purgeJob.stop();
    await this.relay.stop();
  }

  /** Stores an event for publishing; returns once it is durable (the relay publishes it shortly). */
  async enqueue(topic: string, envelope: EventEnvelope<object>, key: string): Promise<void> {
    await this.outbox.add(topic, envelope, key, new Date());
    this.relay.offer([{ holder: key, version: 0, events: [{ topic, key, envelope }] }]);
  }

  private async purgeSent(): Promise<void> {
    await this.outbox.removeSentBefore(new Date(Date.now() - KEEP_SENT_MS));
  }
}
