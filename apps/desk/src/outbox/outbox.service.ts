import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { InjectModel } from '@nestjs/mongoose';
import type { EventEnvelope } from '@otklik/contracts';
import { Model } from 'mongoose';
import { EventPublisher } from '@otklik/messaging';
import { OUTBOX_MODEL, OutboxRecord } from './outbox.schema';
import { InjectLogger, PeriodicTask } from '@otklik/platform';

const RELAY_EVERY_MS = 1000;
const LOCK_MS = 30_000;
const BATCH = 100;
/** Sent entries are kept a week for inspection, then purged (no TTL indexes on FerretDB). */
const KEEP_SENT_MS = 7 * 86_400_000;
const PURGE_EVERY_MS = 3_600_000;

/**
 * Transactional outbox without transactions: a command is first stored here (so an accepted
 * request is never lost), then a relay publishes pending entries in order and marks them sent.
 * A crash between publish and mark sends the event again; consumers deduplicate by event id.
 */
@Injectable()
export class OutboxService implements OnModuleInit, OnModuleDestroy {
  private readonly relayJob: PeriodicTask;
  private lastPurge = 0;

  constructor(
    @InjectModel(OUTBOX_MODEL) private readonly outbox: Model<OutboxRecord>,
    private readonly publisher: EventPublisher,
    @InjectLogger() logger: Logger,
  ) {
    this.relayJob = new PeriodicTask('outbox relay', RELAY_EVERY_MS, () => this.relayOnce(), logger);
  }

  onModuleInit(): void {
    this.relayJob.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.relayJob.stop();
  }

  /** Stores an event for publishing; returns once it is durable. */
  async enqueue(topic: string, envelope: EventEnvelope<object>, key: string): Promise<void> {
    await this.outbox.create({
      eventId: envelope.id,
      topic,
      key,
      envelope: JSON.parse(JSON.stringify(envelope)),
      createdAt: new Date(),
      status: 'pending',
      attempts: 0,
    });
    void this.relay();
  }

  /** Publishes what is pending, oldest first; one pass at a time per instance. */
  relay(): Promise<void> {
    return this.relayJob.runNow();
  }

  async pendingCount(): Promise<number> {
    return this.outbox.countDocuments({ status: 'pending' });
  }

  private async relayOnce(): Promise<number> {
    const now = new Date();
    const pending = await this.outbox
      .find({ status: 'pending', $or: [{ lockedUntil: { $exists: false } }, { lockedUntil: { $lt: now } }] })
      .sort({ createdAt: 1 })
      .limit(BATCH)
      .lean<OutboxRecord[]>();
    let sent = 0;
    for (const entry of pending) {
      const claimed = await this.outbox.updateOne(
        { eventId: entry.eventId, status: 'pending', $or: [{ lockedUntil: { $exists: false } }, { lockedUntil: { $lt: now } }] },
        { $set: { lockedUntil: new Date(Date.now() + LOCK_MS) }, $inc: { attempts: 1 } },
      );
      if (claimed.modifiedCount !== 1) continue;
      try {
        await this.publisher.send(entry.topic, entry.envelope as unknown as EventEnvelope, entry.key);
        await this.outbox.updateOne({ eventId: entry.eventId }, { $set: { status: 'sent', sentAt: new Date() }, $unset: { lockedUntil: 1, lastError: 1 } });
        sent++;
      } catch (error) {
        await this.outbox.updateOne({ eventId: entry.eventId }, { $set: { lastError: (error as Error).message }, $unset: { lockedUntil: 1 } });
        // Keep order: later events of the batch wait for the next pass.
        break;
      }
    }
    if (Date.now() - this.lastPurge > PURGE_EVERY_MS) {
      this.lastPurge = Date.now();
      await this.outbox.deleteMany({ status: 'sent', sentAt: { $lt: new Date(Date.now() - KEEP_SENT_MS) } });
    }
    return sent;
  }
}
