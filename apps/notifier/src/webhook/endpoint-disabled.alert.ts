import type { NotifyService } from '../dispatch/notify.service';
import type { WebhookEndpoint } from './webhook-endpoint.store';

/** Tells the centre's operators that an endpoint was disabled; once per disabling (its generation). */
export async function alertEndpointDisabled(notify: NotifyService, endpoint: WebhookEndpoint, lastError: string): Promise<void> {
  await notify.notifyOperators(
    { eventId: `webhook-disabled:${endpoint.id}:g${endpoint.generation ?? 0}`, urgency: 'high' },
    { kind: 'webhook.disabled', endpointId: endpoint.id, agencyId: endpoint.agencyId, url: endpoint.url, lastError },
  );
}
