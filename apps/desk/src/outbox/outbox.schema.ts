import { Schema } from 'mongoose';

/** An event desk has accepted and must get to the broker: kept until it is sent. */
export interface OutboxRecord {
  eventId: string;
  topic: string;
  /** Partition key: the incident id, so one incident's commands stay in order. */
  key: string;
  envelope: Record<string, unknown>;
  createdAt: Date;
  status: 'pending' | 'sent';
  sentAt?: Date;
}

export const OUTBOX_MODEL = 'DeskOutbox';

export const OutboxSchema = new Schema<OutboxRecord>(
  {
    eventId: { type: String, required: true, unique: true },
    topic: { type: String, required: true },
    key: { type: String, required: true },
    envelope: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Date, required: true },
    status: { type: String, required: true },
    sentAt: Date,
  },
  { collection: 'desk_outbox', versionKey: false },
);
OutboxSchema.index({ status: 1, createdAt: 1 });
OutboxSchema.index({ sentAt: 1 });
