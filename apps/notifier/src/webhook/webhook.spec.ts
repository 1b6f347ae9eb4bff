import { HttpTestServer, RecordedRequest, TestAnswer } from '../testing/http-test-server';
import { DeliveryError } from '../delivery/delivery.types';
import { InMemoryWebhookEndpointStore, WebhookEndpoint } from './webhook-endpoint.store';
import { signWebhook, verifyWebhookSignature, WEBHOOK_HEADERS } from './webhook-signature';
import { WebhookChannel } from './webhook.channel';

const SECRET = 'agency-shared-secret';

/** An agency system that checks signatures the way the docs tell agencies to. */
function agencyReceiver(answer: (req: RecordedRequest) => TestAnswer) {
  return new HttpTestServer((req) => {
    const problem = verifyWebhookSignature(SECRET, { timestamp: String(req.headers[WEBHOOK_HEADERS.timestamp] ?? ''), signature: String(req.headers[WEBHOOK_HEADERS.signature] ?? '') }, req.body);
    return problem ? { status: 401, json: { error: problem } } : answer(req);
  });
}

describe('verifyWebhookSignature', () => {
  const body = '{"a":1}';
  const now = 1_760_000_000;

  it('accepts its own signature within the tolerance', () => {
    expect(verifyWebhookSignature(SECRET, { timestamp: String(now), signature: signWebhook(SECRET, now, body) }, body, now + 10)).toBeUndefined();
  });

  it('refuses a body changed after signing', () => {
    expect(verifyWebhookSignature(SECRET, { timestamp: String(now), signature: signWebhook(SECRET, now, body) }, '{"a":2}', now)).toBe('mismatch');
  });

  it('refuses a replay outside the tolerance', () => {
    expect(verifyWebhookSignature(SECRET, { timestamp: String(now), signature: signWebhook(SECRET, now, body) }, body, now + 301)).toBe('stale');
  });

  it('refuses a missing or malformed header', () => {
    expect(verifyWebhookSignature(SECRET, { timestamp: String(now) }, body, now)).toBe('missing');
    expect(verifyWebhookSignature(SECRET, { timestamp: 'soon', signature: 'v1=00' }, body, now)).toBe('malformed');
  });
});

describe('WebhookChannel against a local agency system', () => {
  let server: HttpTestServer;
  let url: string;
  let store: InMemoryWebhookEndpointStore;
  let disabled: { endpoint: WebhookEndpoint; error: string }[];
  let channel: WebhookChannel;
  let status = 200;

  beforeAll(async () => {
    server = agencyReceiver(() => ({ status, json: {} }));
    url = `${await server.start()}/hooks/otklik`;
  });
  afterAll(() => server.stop());

  beforeEach(() => {
    status = 200;
    store = new InMemoryWebhookEndpointStore();
    store.put({ id: 'ep-1', agencyId: 'ag-1', url, secret: SECRET });
    disabled = [];
    channel = new WebhookChannel(store, { disableAfterFailures: 3, timeoutMs: 5000, onEndpointDisabled: (endpoint, error) => void disabled.push({ endpoint, error }) });
  });

  const message = { deliveryId: 'del-42', address: 'ep-1', subject: 'Новое обращение', text: 'текст', data: { incidentId: 'inc-1' }, attempt: 2 };

  it('posts a JSON body the receiver can verify, with the idempotency key and attempt number', async () => {
    await channel.send(message);
    const req = server.requests.at(-1);
    expect(req?.headers[WEBHOOK_HEADERS.idempotencyKey]).toBe('del-42');
    expect(req?.headers[WEBHOOK_HEADERS.deliveryAttempt]).toBe('2');
    expect(JSON.parse(req?.body ?? '{}')).toMatchObject({ id: 'del-42', subject: 'Новое обращение', data: { incidentId: 'inc-1' } });
  });

  it('fails permanently when the receiver rejects the signature (wrong secret)', async () => {
    store.put({ id: 'ep-1', agencyId: 'ag-1', url, secret: 'other' });
    const err = await channel.send(message).catch((e: unknown) => e);
    expect(err).toMatchObject({ retryable: false, message: expect.stringContaining('401') });
  });

  it('marks a 503 retryable and a 410 permanent', async () => {
    status = 503;
    expect(await channel.send(message).catch((e: unknown) => e)).toMatchObject({ retryable: true });
    status = 410;
    expect(await channel.send(message).catch((e: unknown) => e)).toMatchObject({ retryable: false });
  });

  it('disables the endpoint after N consecutive failures and raises exactly one alert', async () => {
    status = 500;
    for (let i = 0; i < 5; i++) await channel.send(message).catch(() => undefined);
    expect(disabled).toHaveLength(1);
    expect(disabled[0].endpoint).toMatchObject({ id: 'ep-1', enabled: false, consecutiveFailures: 3 });
    const requestsBefore = server.requests.length;
    const err = await channel.send(message).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect((err as DeliveryError).message).toContain('disabled');
    expect(server.requests.length).toBe(requestsBefore);
  });

  it('resets the failure count after a success', async () => {
    status = 500;
    await channel.send(message).catch(() => undefined);
    await channel.send(message).catch(() => undefined);
    status = 200;
    await channel.send(message);
    expect((await store.get('ep-1'))?.consecutiveFailures).toBe(0);
  });

  it('counts a connection failure as retryable and as a failure of the endpoint', async () => {
    store.put({ id: 'ep-1', agencyId: 'ag-1', url: 'http://127.0.0.1:1/unreachable', secret: SECRET });
    const err = await channel.send(message).catch((e: unknown) => e);
    expect(err).toMatchObject({ retryable: true });
    expect((await store.get('ep-1'))?.consecutiveFailures).toBe(1);
  });
});
