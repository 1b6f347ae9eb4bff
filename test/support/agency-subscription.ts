/** A call to one of the services' HTTP APIs, as a whole-stack run makes it. */
export type NotifierCall = (service: 'notifier', method: string, path: string, body: unknown) => Promise<{ status: number; body: unknown }>;

/**
 * Tells the notifier how to reach an agency in a whole-stack run: its staff and head by e-mail
 * (`duty@<agency>.test`, `head@<agency>.test`) and its webhook endpoint, for every notice kind.
 */
export async function subscribeAgency(call: NotifierCall, agencyId: string, webhook: { url: string; secret: string }): Promise<void> {
  const endpoint = `hook-${agencyId}`;
  const hook = await call('notifier', 'PUT', `/v1/webhooks/${endpoint}`, { agencyId, url: webhook.url, secret: webhook.secret });
  if (hook.status >= 300) throw new Error(`webhook of ${agencyId}: ${hook.status} ${JSON.stringify(hook.body)}`);
  const preferences = await call('notifier', 'PUT', `/v1/agencies/${agencyId}/preferences`, {
    locale: 'ru',
    timeZone: 'Europe/Moscow',
    digestHour: 9,
    events: ['incident.routed', 'incident.rerouted', 'sla.warning', 'sla.breached', 'sla.escalated'],
    channels: ['email', 'webhook'],
    contacts: [
      { id: 'duty', channel: 'email', address: `duty@${agencyId}.test`, role: 'staff' },
      { id: 'head', channel: 'email', address: `head@${agencyId}.test`, role: 'head' },
      { id: 'hook', channel: 'webhook', address: endpoint, role: 'staff' },
    ],
  });
  if (preferences.status >= 300) throw new Error(`preferences of ${agencyId}: ${preferences.status} ${JSON.stringify(preferences.body)}`);
}
