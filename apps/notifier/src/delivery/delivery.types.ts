import type { Channel } from '@otklik/contracts';
import type { PostRef } from './post-ref';

export type { Channel };

/** A rendered message ready for one recipient on one channel. */
export interface OutboundMessage {
  /** Stable id of the delivery: the idempotency key on the wire (webhook header, e-mail Message-ID). */
  deliveryId: string;
  /** Channel-specific address: e-mail address, Telegram chat id, webhook endpoint id. */
  address: string;
  /** Subject line (e-mail). */
  subject?: string;
  /** Plain-text body. */
  text: string;
  /** 1 for the first attempt; told to receivers that care (webhooks). */
  attempt?: number;
  /** Reply-back: the citizen's post to answer under (the address is then its chat or community). */
  replyTo?: PostRef;
  /** Structured body for machine recipients (webhooks). */
  data?: Record<string, unknown>;
}

/** What a channel reports after the provider accepted a message. */
export interface SendReceipt {
  /** Provider's id of what was created (message id, comment id), when it gives one. */
  externalId?: string;
}

/** Sends one message through one channel. Throws DeliveryError on failure. */
export interface ChannelSender {
  readonly channel: Channel;
  send(message: OutboundMessage): Promise<SendReceipt>;
}

/**
 * A failed attempt. `retryable` says whether trying again can help (network, 5xx, rate limit);
 * `retryAfterMs` is the provider's own instruction when it gave one.
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DeliveryError';
  }

  /** A failure that another attempt cannot fix (bad address, forbidden, rejected content). */
  static permanent(message: string, cause?: unknown): DeliveryError {
    return new DeliveryError(message, false, undefined, { cause });
  }

  /** A failure worth retrying, optionally not before `retryAfterMs`. */
  static transient(message: string, retryAfterMs?: number, cause?: unknown): DeliveryError {
    return new DeliveryError(message, true, retryAfterMs, { cause });
  }
}

/** Wraps anything thrown into a DeliveryError; unknown errors are treated as transient. */
export function asDeliveryError(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return DeliveryError.transient(message, undefined, err);
}

/** HTTP status → retryable? 408, 425, 429 and 5xx are; other 4xx are not. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}
