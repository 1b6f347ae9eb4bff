import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { EventEnvelope } from '@otklik/contracts';
import { OutboxBatch } from '@otklik/messaging';
import { Model } from 'mongoose';
import { OUTBOX_MODEL, OutboxRecord } from './outbox.schema';
import { DeskOutboxStore } from './outbox.store';

/** Younger entries are their writer's to publish: the sweep takes what a crash (or a stopped instance) left. */
const LEFT_AFTER_MS = 5_000;

/** `desk_outbox`: one document per event; a batch is the pending events of one subject (the partition key), oldest first. */
@Injectable()
export class MongoDeskOutboxStore implements DeskOutboxStore {
  constructor(@InjectModel(OUTBOX_MODEL) private readonly outbox: Model<OutboxRecord>) {}

  async add(topic: string, envelope: EventEnvelope<object>, key: string, at: Date): Promise<void> {
    const stored = JSON.parse(JSON.stringify(envelope)) as Record<string, unknown>;
    await this.outbox.create({ eventId: envelope.id, topic, key, envelope: stored, createdAt: at, status: 'pending' });
  }

  async pending(limit: number): Promise<OutboxBatch[]> {
    const entries = await this.outbox
      .find({ status: 'pending', createdAt: { $lt: new Date(Date.now() - LEFT_AFTER_MS) } })
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
    const sentAt = new Date();
    const ids = published.flatMap((b) => b.events.map((e) => e.envelope.id));
    if (ids.length === 0) return;
    await this.outbox.bulkWrite(
      ids.map((eventId) => ({ updateOne: { filter: { eventId, status: 'pending' }, update: { $set: { status: 'sent', sentAt } } } })),
      { ordered: false },
    );
  }

  async removeSentBefore(before: Date): Promise<void> {
    await this.outbox.deleteMany({ status: 'sent', sentAt: { $lt: before } });
  }
}
