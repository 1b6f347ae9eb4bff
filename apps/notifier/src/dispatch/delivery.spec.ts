import { HttpTestServer } from '../testing/http-test-server';
import { NewDelivery } from '../delivery-log/delivery-log.store';
import { InMemoryWebhookEndpointStore } from '../webhook/webhook-endpoint.store';
import { WEBHOOK_HEADERS } from '../webhook/webhook-signature';
import { WebhookChannel } from '../webhook/webhook.channel';
import { deliveryHarness } from '../testing/delivery-harness';
import { RetryPolicy } from './retry-policy';

describe('DeliveryService with a real webhook receiver', () => {
  let statuses: number[];
  const server = new HttpTestServer(() => {
    const status = statuses.shift() ?? 200;
    return status === 429 ? { status, headers: { 'retry-after': '120' } } : { status };
  });
  let url: string;

  beforeAll(async () => {
    url = await server.start();
  });
  afterAll(() => server.stop());

  function setup(disableAfterFailures = 50) {
    const endpoints = new InMemoryWebhookEndpointStore();
    endpoints.put({ id: 'ep-1', agencyId: 'ag-1', url, secret: 's' });
    const alerts: string[] = [];
    const channel = new WebhookChannel(endpoints, { disableAfterFailures, timeoutMs: 5000, onEndpointDisabled: (e) => void alerts.push(e.id) });
    return { ...deliveryHarness([channel]), alerts };
  }

  const delivery = (over: Partial<NewDelivery> = {}): NewDelivery => ({
    eventId: 'ev-1',
    recipient: 'agency:ag-1/hook',
    channel: 'webhook',
    address: 'ep-1',
    kind: 'sla.breached',
    incidentId: 'inc-1',
    message: { subject: 's', text: 't', data: { a: 1 } },
    notBefore: new Date('2026-03-02T09:00:00Z'),
    ...over,
  });

  beforeEach(() => {
    server.requests.length = 0;
  });

  it('retries with exponential backoff and the same idempotency key until the receiver accepts', async () => {
    statuses = [503, 503, 200];
    const { service, clock, outcomes } = setup();
    const first = await service.enqueue(delivery());
    expect(first).toMatchObject({ status: 'retry', attempts: 1 });
    const firstWait = first.notBefore.getTime() - clock.now().getTime();

    clock.set(first.notBefore);
    const second = await service.attempt(first.id);
    const secondWait = (second?.notBefore.getTime() ?? 0) - clock.now().getTime();

    clock.set(second?.notBefore ?? clock.now());
    expect(await service.runDue()).toBe(1);

    expect([firstWait, secondWait]).toEqual([10_000, 20_000]);
    expect(outcomes.sent).toEqual([expect.objectContaining({ id: first.id, status: 'sent', attempts: 3 })]);
    expect(new Set(server.requests.map((r) => r.headers[WEBHOOK_HEADERS.idempotencyKey]))).toEqual(new Set([first.id]));
    expect(server.requests.map((r) => r.headers[WEBHOOK_HEADERS.deliveryAttempt])).toEqual(['1', '2', '3']);
  });

  it('sends once when the same event is handled twice', async () => {
    statuses = [200];
    const { service } = setup();
    await service.enqueue(delivery());
    await service.enqueue(delivery());
    expect(server.requests).toHaveLength(1);
  });

  it('gives up at once on a permanent rejection and dead-letters the delivery', async () => {
    statuses = [410];
    const { service, store, outcomes } = setup();
    const r = await service.enqueue(delivery());
    expect(r).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringContaining('410') });
    expect(outcomes.failed).toHaveLength(1);
    expect(await store.list({ status: 'failed', limit: 10 })).toHaveLength(1);
  });

  it('fails for good after the last allowed attempt', async () => {
    statuses = [500, 500, 500, 500, 500];
    const { service, clock, outcomes } = setup();
    let r = await service.enqueue(delivery());
    while (r.status === 'retry') {
      clock.set(r.notBefore);
      r = (await service.attempt(r.id)) ?? r;
    }
    expect(r).toMatchObject({ status: 'failed', attempts: 4 });
    expect(outcomes.failed).toHaveLength(1);
    expect(server.requests).toHaveLength(4);
  });

  it('waits at least as long as the receiver’s Retry-After', async () => {
    statuses = [429];
    const { service, clock } = setup();
    const r = await service.enqueue(delivery());
    expect(r.notBefore.getTime() - clock.now().getTime()).toBe(120_000);
  });

  it('disables the endpoint after N failed attempts and stops calling it', async () => {
    statuses = [500, 500, 500, 500];
    const { service, clock, alerts } = setup(2);
    let r = await service.enqueue(delivery());
    clock.set(r.notBefore);
    r = (await service.attempt(r.id)) ?? r;
    expect(alerts).toEqual(['ep-1']);
    clock.set(r.notBefore);
    r = (await service.attempt(r.id)) ?? r;
    expect(r).toMatchObject({ status: 'failed', lastError: expect.stringContaining('disabled') });
    expect(server.requests).toHaveLength(2);
  });

  it('takes over a delivery whose worker died mid-send once the lease expires, with the same key', async () => {
    statuses = [200];
    const { service, store, clock } = setup();
    const { record } = await store.insertIfAbsent(delivery(), clock.now());
    await store.claim(record.id, clock.now(), 60_000); // the worker that crashed
    expect(await service.runDue()).toBe(0);
    clock.advance(60_000);
    expect(await service.runDue()).toBe(1);
    expect((await store.get(record.id))?.status).toBe('sent');
    expect(server.requests[0].headers[WEBHOOK_HEADERS.idempotencyKey]).toBe(record.id);
  });
});

describe('RetryPolicy', () => {
  it('doubles the delay per attempt up to the cap, with jitter within ±20 %', () => {
    const policy = new RetryPolicy(undefined, () => 0.5);
    expect([1, 2, 3].map((a) => policy.delayMs('telegram', a))).toEqual([5000, 10_000, 20_000]);
    expect(policy.delayMs('telegram', 30)).toBe(600_000);
    expect(new RetryPolicy(undefined, () => 0).delayMs('telegram', 1)).toBe(4000);
    expect(new RetryPolicy(undefined, () => 1).delayMs('telegram', 1)).toBe(6000);
  });
});
