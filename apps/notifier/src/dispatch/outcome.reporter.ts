import { Logger } from 'pino';
import { derivedEventId, TOPICS } from '@otklik/contracts';
import { EventPublisher, withTraceCarrier } from '@otklik/messaging';
import { DeliveryRecord, DeliveryStore } from '../delivery-log/delivery-log.store';
import { REPLY_PLATFORMS, ReplyPlatform } from '../delivery/post-ref';
import { DeliveryOutcomes } from './delivery.service';
import { deliveryMetrics } from './delivery.metrics';

/**
 * Publishes the outcome of each finished delivery: notification sent / failed, or reply published.
 * The delivery log is the outbox: a record is marked reported only once the broker has the event,
 * and `reportPending` republishes what a broker outage or a crash left behind. An outcome's event
 * id is derived from the delivery, so one reported twice (the sweep finding it while the sender
 * still reports it) reaches consumers once.
 */
export class OutcomeReporter implements DeliveryOutcomes {
  constructor(
    private readonly store: DeliveryStore,
    private readonly publisher: EventPublisher,
    private readonly logger: Logger,
  ) {}

  async sent(record: DeliveryRecord): Promise<void> {
    deliveryMetrics.finished.inc({ channel: record.channel, status: 'sent' });
    await this.report(record);
  }

  async failed(record: DeliveryRecord): Promise<void> {
    deliveryMetrics.finished.inc({ channel: record.channel, status: 'failed' });
    this.logger.warn({ deliveryId: record.id, eventId: record.eventId, channel: record.channel, error: record.lastError }, 'delivery failed for good');
    await this.report(record);
  }

  retrying(record: DeliveryRecord, error: string): void {
    deliveryMetrics.retries.inc({ channel: record.channel });
    this.logger.info({ deliveryId: record.id, eventId: record.eventId, attempts: record.attempts, notBefore: record.notBefore, error }, 'delivery will be retried');
  }

  /** Publishes outcomes still missing on the broker; returns how many. */
  async reportPending(limit = 100): Promise<number> {
    const pending = await this.store.findUnreported(limit);
    for (const record of pending) await this.report(record);
    return pending.length;
  }

  private async report(record: DeliveryRecord): Promise<void> {
    try {
      await withTraceCarrier(record.trace, () => this.publish(record));
      await this.store.markReported(record.id);
    } catch (error) {
      // Left unreported: the scheduler's next reportPending() publishes it.
      this.logger.error({ deliveryId: record.id, err: error }, 'publishing a delivery outcome failed; will retry');
    }
  }

  private async publish(r: DeliveryRecord): Promise<void> {
    const finishedAt = r.status === 'failed' ? (r.failedAt ?? r.updatedAt) : (r.sentAt ?? r.updatedAt);
    const cause = (topic: string) => ({ correlationId: r.correlationId, causationId: r.eventId, key: r.incidentId ?? r.recipient, id: derivedEventId(`${r.id}/${topic}`, finishedAt.getTime()) });
    if (r.status === 'sent' && r.kind === 'reply' && r.message.replyTo && r.answerId && r.incidentId && isReplyPlatform(r.channel)) {
      await this.publisher.publish(
        TOPICS.replyPublished,
        {
          incidentId: r.incidentId,
          answerId: r.answerId,
          postId: r.message.replyTo.postId,
          platform: r.channel,
          externalReplyId: r.externalId ?? '',
          publishedAt: (r.sentAt ?? r.updatedAt).toISOString(),
        },
        cause(TOPICS.replyPublished),
      );
      return;
    }
    const common = { sourceEventId: r.eventId, incidentId: r.incidentId, recipient: r.recipient, channel: r.channel, deliveryId: r.id, kind: r.kind, attempts: Math.max(1, r.attempts) };
    if (r.status === 'sent') {
      await this.publisher.publish(TOPICS.notificationSent, { ...common, sentAt: (r.sentAt ?? r.updatedAt).toISOString() }, cause(TOPICS.notificationSent));
    } else if (r.status === 'failed') {
      await this.publisher.publish(TOPICS.notificationFailed, { ...common, error: r.lastError ?? 'unknown', failedAt: (r.failedAt ?? r.updatedAt).toISOString() }, cause(TOPICS.notificationFailed));
    }
  }
}

function isReplyPlatform(channel: string): channel is ReplyPlatform {
  return (REPLY_PLATFORMS as readonly string[]).includes(channel);
}
