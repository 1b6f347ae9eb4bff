import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { InjectModel } from '@nestjs/mongoose';
import type { EventEnvelope } from '@otklik/contracts';
import { Model } from 'mongoose';
import { EventPublisher, OutboxBatch, OutboxRelay, OutboxStore, publisherSender } from '@otklik/messaging';
import { InjectLogger, PeriodicTask } from '@otklik/platform';
import { OUTBOX_MODEL, OutboxRecord } from './outbox.schema';

/** Sent entries are kept a week for inspection, then purged (no TTL indexes on FerretDB). */
const KEEP_SENT_MS = 7 * 86_400_000;
const PURGE_EVERY_MS = 3_600_000;
/** Younger entries are their writer's to publish: the sweep takes what a crash (or a stopped instance) left. */
const LEFT_AFTER_MS = 5_000;

/**
 * `desk_outbox` as the relay's store: one document per event, a batch the pending events of one
 * subject (the partition key), oldest first.
 */
export class DeskOutboxStore implements OutboxStore<OutboxBatch> {
  constructor(
    private readonly outbox: Model<OutboxRecord>,
    private readonly now: () => number = Date.now,
  ) {}

  async pending(limit: number): Promise<OutboxBatch[]> {
    const entries = await this.outbox
      .find({ status: 'pending', createdAt: { $lt: new Date(this.now() - LEFT_AFTER_MS) } })
      .sort({ createdAt: 1 })
      .limit(limit)
      .lean<OutboxRecord[]>();
    const bySubject = new Map<string, OutboxBatch>();
    for (const entry of entries) {
      const batch = bySubject.get(entry.key) ?? { holder: entry.key, version: 0, events: [] };
      batch.events.push({ topic: entry.topic, key: entry.key, envelope: entry.envelope as unknown as EventEnvelope });
      bySubject.set(entry.key, batch);
    }
    return [...bySubject.values()];
  }

  /** One round trip: an update by event id per entry, sent as one unordered bulk write. */
  async markPublished(published: OutboxBatch[]): Promise<void> {
    const sentAt = new Date(this.now());
    const ids = published.flatMap((b) => b.events.map((e) => e.envelope.id));
    if (ids.length === 0) return;
    await this.outbox.bulkWrite(
      ids.map((eventId) => ({ updateOne: { filter: { eventId, status: 'pending' }, update: { $set: { status: 'sent', sentAt } } } })),
      { ordered: false },
    );
  }
}

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
    @InjectModel(OUTBOX_MODEL) private readonly outbox: Model<OutboxRecord>,
    publisher: EventPublisher,
    @InjectLogger() logger: Logger,
  ) {
    this.relay = new OutboxRelay(new DeskOutboxStore(outbox), publisherSender(publisher), { name: 'desk.commands', batchSize: 100, sweepIntervalMs: 10_000 }, logger);
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
    const stored = JSON.parse(JSON.stringify(envelope)) as Record<string, unknown>;
    await this.outbox.create({ eventId: envelope.id, topic, key, envelope: stored, createdAt: new Date(), status: 'pending' });
    this.relay.offer([{ holder: key, version: 0, events: [{ topic, key, envelope }] }]);
  }

  private async purgeSent(): Promise<void> {
    await this.outbox.deleteMany({ status: 'sent', sentAt: { $lt: new Date(Date.now() - KEEP_SENT_MS) } });
  }
}
