import type { Channel } from '@otklik/contracts';
import { currentTraceCarrier } from '@otklik/messaging';
import { asDeliveryError, ChannelSender } from '../delivery/delivery.types';
import { DeliveryRecord, DeliveryStore, NewDelivery } from '../delivery-log/delivery-log.store';
import { RetryPolicy } from './retry-policy';

/** Told about final outcomes; the service turns them into events (sent, failed + dead letter). */
export interface DeliveryOutcomes {
  sent(record: DeliveryRecord): Promise<void>;
  failed(record: DeliveryRecord): Promise<void>;
  /** A retry was scheduled (for metrics and logs). */
  retrying?(record: DeliveryRecord, error: string): void;
}

export interface DeliveryServiceOptions {
  /** How long a claimed delivery stays ours before another worker may take it over. */
  leaseMs: number;
  clock?: () => Date;
}

/**
 * Sends deliveries from the log, one attempt at a time. The log's unique triple makes enqueueing
 * idempotent; the atomic claim makes each attempt single. A crash between the provider's
 * acceptance and `markSent` leads to one more attempt after the lease, carrying the same
 * idempotency key (webhook header, Message-ID, VK guid) so that receivers can drop it.
 */
export class DeliveryService {
  private readonly clock: () => Date;

  constructor(
    private readonly store: DeliveryStore,
    private readonly senders: ReadonlyMap<Channel, ChannelSender>,
    private readonly policy: RetryPolicy,
    private readonly outcomes: DeliveryOutcomes,
    private readonly options: DeliveryServiceOptions,
  ) {
    this.clock = options.clock ?? (() => new Date());
  }

  /** Records a delivery (once per triple) and attempts it at once when it is already due. */
  async enqueue(d: NewDelivery): Promise<DeliveryRecord> {
    const { record, created } = await this.store.insertIfAbsent({ ...d, trace: d.trace ?? currentTraceCarrier() }, this.clock());
    if (!created || record.status !== 'pending' || record.notBefore.getTime() > this.clock().getTime()) return record;
    return (await this.attempt(record.id)) ?? record;
  }

  /** One attempt of a due delivery; undefined when another worker holds it or it is not due. */
  async attempt(id: string): Promise<DeliveryRecord | undefined> {
    const claimed = await this.store.claim(id, this.clock(), this.options.leaseMs);
    if (!claimed) return undefined;
    const sender = this.senders.get(claimed.channel);
    if (!sender) return this.fail(claimed, `no sender configured for channel ${claimed.channel}`);
    try {
      const receipt = await sender.send({ deliveryId: claimed.id, address: claimed.address, attempt: claimed.attempts, ...claimed.message });
      const sent = (await this.store.markSent(claimed.id, receipt.externalId, this.clock())) ?? claimed;
      await this.outcomes.sent(sent);
      return sent;
    } catch (err) {
      const failure = asDeliveryError(err);
      if (!failure.retryable || !this.policy.canRetry(claimed.channel, claimed.attempts)) return this.fail(claimed, failure.message);
      const notBefore = new Date(this.clock().getTime() + this.policy.delayMs(claimed.channel, claimed.attempts, failure.retryAfterMs));
      const retry = (await this.store.markRetry(claimed.id, notBefore, failure.message, this.clock())) ?? claimed;
      this.outcomes.retrying?.(retry, failure.message);
      return retry;
    }
  }

  /** Attempts every delivery that is due; returns how many were attempted. Called by the scheduler. */
  async runDue(limit = 100): Promise<number> {
    const ids = await this.store.findDue(this.clock(), limit);
    let attempted = 0;
    for (const id of ids) if (await this.attempt(id)) attempted++;
    return attempted;
  }

  /** An operator releases a held (or dead-lettered) delivery: it is sent now. */
  async release(id: string): Promise<DeliveryRecord | undefined> {
    const released = await this.store.release(id, this.clock());
    if (!released) return undefined;
    return (await this.attempt(id)) ?? released;
  }

  private async fail(record: DeliveryRecord, error: string): Promise<DeliveryRecord> {
    const failed = (await this.store.markFailed(record.id, error, this.clock())) ?? record;
    await this.outcomes.failed(failed);
    return failed;
  }
}
