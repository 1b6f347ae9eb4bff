import { Schema } from 'mongoose';
import { CHANNELS } from '@otklik/contracts';
import { DELIVERY_STATUSES } from './delivery-log.store';

/** Collection of the delivery log. */
export const DELIVERIES_COLLECTION = 'notifier_deliveries';

/** One document per (eventId, recipient, channel); `_id` is the deterministic delivery id. */
export const DeliverySchema = new Schema(
  {
    _id: { type: String, required: true },
    eventId: { type: String, required: true },
    recipient: { type: String, required: true },
    channel: { type: String, required: true, enum: CHANNELS },
    address: { type: String, required: true },
    kind: { type: String, required: true },
    incidentId: { type: String },
    answerId: { type: String },
    correlationId: { type: String },
    message: { type: Schema.Types.Mixed, required: true },
    notBefore: { type: Date, required: true },
    held: { type: Boolean },
    trace: { type: Schema.Types.Mixed },
    status: { type: String, required: true, enum: DELIVERY_STATUSES },
    attempts: { type: Number, required: true, default: 0 },
    leaseUntil: { type: Date },
    lastError: { type: String },
    externalId: { type: String },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    sentAt: { type: Date },
    failedAt: { type: Date },
    reported: { type: Boolean },
  },
  { collection: DELIVERIES_COLLECTION, versionKey: false, minimize: false },
);

// Exactly once per (event, recipient, channel): a second insert fails with 11000.
DeliverySchema.index({ eventId: 1, recipient: 1, channel: 1 }, { unique: true, name: 'delivery_triple_unique' });
// The scheduler's scan for due work.
DeliverySchema.index({ status: 1, notBefore: 1 }, { name: 'delivery_due' });
// The outbox scan for outcomes not yet published.
DeliverySchema.index({ status: 1, reported: 1 }, { name: 'delivery_unreported' });
// The API's listings.
DeliverySchema.index({ incidentId: 1, updatedAt: -1 }, { name: 'delivery_by_incident' });
DeliverySchema.index({ recipient: 1, updatedAt: -1 }, { name: 'delivery_by_recipient' });

/** One document per claimed attempt, `_id` = `<deliveryId>#<attempt>`: the unique `_id` lets one worker win. */
export const DeliveryClaimSchema = new Schema(
  {
    _id: { type: String, required: true },
    deliveryId: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'notifier_delivery_claims', versionKey: false },
);
DeliveryClaimSchema.index({ deliveryId: 1 }, { name: 'claim_by_delivery' });
