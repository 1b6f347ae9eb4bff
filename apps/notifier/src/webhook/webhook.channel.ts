import { ChannelSender, DeliveryError, isRetryableStatus, OutboundMessage, SendReceipt } from '../delivery/delivery.types';
import { post, retryAfterHeaderMs } from '../delivery/http-request';
import { signWebhook, WEBHOOK_HEADERS } from './webhook-signature';
import { WebhookEndpoint, WebhookEndpointStore } from './webhook-endpoint.store';

export interface WebhookChannelOptions {
  /** Consecutive failed attempts after which an endpoint is disabled. */
  disableAfterFailures: number;
  timeoutMs?: number;
  /** Told once when an endpoint gets disabled, so operators can be alerted. */
  onEndpointDisabled: (endpoint: WebhookEndpoint, lastError: string) => Promise<void> | void;
  clock?: () => Date;
}

/** Signed JSON POSTs to agencies' own systems; the address is the endpoint id. */
export class WebhookChannel implements ChannelSender {
  readonly channel = 'webhook' as const;

  constructor(
    private readonly store: WebhookEndpointStore,
    private readonly options: WebhookChannelOptions,
  ) {}

  async send(message: OutboundMessage): Promise<SendReceipt> {
    const endpoint = await this.store.get(message.address);
    if (!endpoint) throw DeliveryError.permanent(`webhook endpoint ${message.address} not found`);
    if (!endpoint.enabled) throw DeliveryError.permanent(`webhook endpoint ${endpoint.id} is disabled: ${endpoint.lastError ?? ''}`);
    const now = this.options.clock?.() ?? new Date();
    const body = JSON.stringify({ id: message.deliveryId, sentAt: now.toISOString(), subject: message.subject, text: message.text, data: message.data ?? {} });
    const timestamp = Math.floor(now.getTime() / 1000);
    try {
      const answer = await post({
        url: endpoint.url,
        raw: { body, contentType: 'application/json' },
        headers: {
          [WEBHOOK_HEADERS.timestamp]: String(timestamp),
          [WEBHOOK_HEADERS.signature]: signWebhook(endpoint.secret, timestamp, body),
          [WEBHOOK_HEADERS.idempotencyKey]: message.deliveryId,
          [WEBHOOK_HEADERS.deliveryAttempt]: String(message.attempt ?? 1),
          'user-agent': 'Otklik-Notifier/1',
        },
        timeoutMs: this.options.timeoutMs ?? 10_000,
      });
      if (answer.status >= 200 && answer.status < 300) {
        await this.store.recordSuccess(endpoint.id);
        return { externalId: answer.headers.get('x-request-id') ?? undefined };
      }
      const what = `webhook ${endpoint.id}: HTTP ${answer.status}`;
      throw isRetryableStatus(answer.status) ? DeliveryError.transient(what, retryAfterHeaderMs(answer.headers)) : DeliveryError.permanent(what);
    } catch (err) {
      const failure = err instanceof DeliveryError ? err : DeliveryError.transient(String(err), undefined, err);
      await this.recordFailure(endpoint, failure.message, now);
      throw failure;
    }
  }

  private async recordFailure(endpoint: WebhookEndpoint, error: string, now: Date): Promise<void> {
    const { endpoint: updated, disabledNow } = await this.store.recordFailure(endpoint.id, error, this.options.disableAfterFailures, now);
    if (disabledNow) await this.options.onEndpointDisabled(updated, error);
  }
}
