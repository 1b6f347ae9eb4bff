import { createHash } from 'node:crypto';
import type { Channel } from '@otklik/contracts';
import type { PostRef } from '../delivery/post-ref';
import type { NoticeKind } from '../templates/notice.types';

/** Life of a delivery. `failed` deliveries are the dead-letter queue: kept, listed, retried by hand. */
export const DELIVERY_STATUSES = ['pending', 'sending', 'retry', 'held', 'sent', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** What is to be sent, stored with the delivery so a restart can send it without re-rendering. */
export interface StoredMessage {
  subject?: string;
  text: string;
  data?: Record<string, unknown>;
  replyTo?: PostRef;
}

/** A new delivery: one (event, recipient, channel). */
export interface NewDelivery {
  eventId: string;
  recipient: string;
  channel: Channel;
  address: string;
  kind: NoticeKind;
  incidentId?: string;
  /** Correlation id of the causing event, carried onto the outcome events. */
  correlationId?: string;
  /** Answer id for reply-back deliveries. */
  answerId?: string;
  message: StoredMessage;
  /** Earliest send time (quiet hours). */
  notBefore: Date;
  /** Held for an operator (a flagged answer) instead of being sent. */
  held?: boolean;
  /** W3C trace context of the event that asked for it: its outcome event continues that trace. */
  trace?: Record<string, string>;
}

/** The delivery log entry. */
export interface DeliveryRecord extends NewDelivery {
  id: string;
  status: DeliveryStatus;
  attempts: number;
  leaseUntil?: Date;
  lastError?: string;
  externalId?: string;
  createdAt: Date;
  updatedAt: Date;
  sentAt?: Date;
  failedAt?: Date;
  /** The outcome event (sent/failed/reply published) is on the broker. */
  reported?: boolean;
}

/** Filter for listing the log. */
export interface DeliveryQuery {
  status?: DeliveryStatus;
  recipient?: string;
  incidentId?: string;
  eventId?: string;
  channel?: Channel;
  limit: number;
  /** Page: records updated before this time. */
  before?: Date;
}

/**
 * Durable log of deliveries with a unique (eventId, recipient, channel): the same event handled
 * twice finds its deliveries already there. Claims are atomic, so two workers never send one delivery.
 */
export interface DeliveryStore {
  /** Inserts unless the triple exists; returns the stored record either way. */
  insertIfAbsent(d: NewDelivery, now: Date): Promise<{ record: DeliveryRecord; created: boolean }>;
  /** Takes a due delivery for one attempt (status → sending, attempts + 1), or undefined if not claimable. */
  claim(id: string, now: Date, leaseMs: number): Promise<DeliveryRecord | undefined>;
  markSent(id: string, externalId: string | undefined, now: Date): Promise<DeliveryRecord | undefined>;
  markRetry(id: string, notBefore: Date, error: string, now: Date): Promise<DeliveryRecord | undefined>;
  markFailed(id: string, error: string, now: Date): Promise<DeliveryRecord | undefined>;
  /** Operator's decision on a held or failed delivery: send it (again) from now. */
  release(id: string, now: Date): Promise<DeliveryRecord | undefined>;
  /** Ids of deliveries due now: pending/retry past notBefore, or sending with an expired lease. */
  findDue(now: Date, limit: number): Promise<string[]>;
  /** Finished deliveries whose outcome event has not been published yet (an outbox). */
  findUnreported(limit: number): Promise<DeliveryRecord[]>;
  markReported(id: string): Promise<void>;
  /** Deletes sent or failed deliveries, outcome reported, last changed before `cutoff`; held and pending ones stay. */
  purgeFinishedBefore(cutoff: Date): Promise<number>;
  get(id: string): Promise<DeliveryRecord | undefined>;
  list(query: DeliveryQuery): Promise<DeliveryRecord[]>;
}

/** Deterministic id of a delivery: the same triple always gets the same id (and idempotency key). */
export function deliveryId(eventId: string, recipient: string, channel: string): string {
  return createHash('sha256').update(`${eventId}\u0000${recipient}\u0000${channel}`).digest('base64url').slice(0, 26);
}

/** Whether a record may be claimed now: the one rule both stores implement. */
export function isClaimable(r: Pick<DeliveryRecord, 'status' | 'notBefore' | 'leaseUntil'>, now: Date): boolean {
  if (r.status === 'pending' || r.status === 'retry') return r.notBefore.getTime() <= now.getTime();
  return r.status === 'sending' && r.leaseUntil !== undefined && r.leaseUntil.getTime() <= now.getTime();
}
