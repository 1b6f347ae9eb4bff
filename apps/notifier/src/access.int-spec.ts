import { authHeader, IsolatedInfra, isolateInfra, openApiSecurityGaps, startTestService, TestService } from '@otklik/testing';
import { AppModule } from './app.module';

const A = { role: 'agency' as const, agencyId: 'ag-a' };
const B = { role: 'agency' as const, agencyId: 'ag-b' };
const preferences = {
  locale: 'ru',
  timeZone: 'Europe/Moscow',
  events: ['incident.routed'],
  channels: ['email'],
  contacts: [{ id: 'm', channel: 'email', address: 'duty@ag-a.test', role: 'staff' }],
  digestHour: 9,
};

describe('who may call the notifier', () => {
  let infra: IsolatedInfra;
  let service: TestService;
  const call = (path: string, caller: Parameters<typeof authHeader>[0] | undefined, method = 'GET', body?: unknown) =>
    fetch(`${service.baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(caller ? authHeader(caller) : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  beforeAll(async () => {
    infra = isolateInfra('notifier-access');
    service = await startTestService('notifier', AppModule);
  });

  afterAll(async () => {
    await service?.close();
    await infra?.cleanup();
  });

  it('answers 401 without a token', async () => {
    expect((await call('/v1/deliveries', undefined)).status).toBe(401);
    expect((await call('/v1/deliveries/x/release', undefined, 'POST')).status).toBe(401);
    expect((await call('/v1/agencies/ag-a/preferences', undefined, 'PUT', preferences)).status).toBe(401);
    expect((await call('/v1/webhooks/w', undefined)).status).toBe(401);
  });

  it('keeps the delivery log to the centre and releasing held answers to supervisors', async () => {
    expect((await call('/v1/deliveries', A)).status).toBe(403);
    expect((await call('/v1/deliveries', { role: 'operator' })).status).toBe(200);
    expect((await call('/v1/deliveries/x/release', { role: 'operator' }, 'POST')).status).toBe(403);
    expect((await call('/v1/deliveries/x/release', { role: 'supervisor' }, 'POST')).status).toBe(404);
  });

  it("lets agency staff manage their own agency's preferences and not another's", async () => {
    expect((await call('/v1/agencies/ag-a/preferences', A, 'PUT', preferences)).status).toBe(200);
    expect((await call('/v1/agencies/ag-a/preferences', A)).status).toBe(200);
    expect((await call('/v1/agencies/ag-a/preferences', B)).status).toBe(403);
    expect((await call('/v1/agencies/ag-a/preferences', B, 'PUT', preferences)).status).toBe(403);
    expect((await call('/v1/agencies/ag-a/preferences', { role: 'operator' }, 'PUT', preferences)).status).toBe(403);
  });

  it("keeps one agency's webhook endpoints from another", async () => {
    const endpoint = (agencyId: string) => ({ agencyId, url: 'https://ag.example.test/hook', secret: 'sixteen-chars-secret' });
    expect((await call('/v1/webhooks/w-a', A, 'PUT', endpoint('ag-b'))).status).toBe(403);
    const created = await call('/v1/webhooks/w-a', A, 'PUT', endpoint('ag-a'));
    expect(created.status).toBe(200);
    expect(JSON.stringify(await created.json())).not.toContain('sixteen-chars-secret');
    expect((await call('/v1/webhooks/w-a', A)).status).toBe(200);
    expect((await call('/v1/webhooks/w-a', B)).status).toBe(404);
    expect((await call('/v1/webhooks/w-a', B, 'PUT', endpoint('ag-b'))).status).toBe(404);
  });

  it('answers 400 naming the nested field of bad preferences', async () => {
    const response = await call('/v1/agencies/ag-a/preferences', A, 'PUT', { ...preferences, contacts: [{ id: 'm', channel: 'email' }] });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain('contacts.0.address');
  });

  it('declares the bearer scheme and the 401 and 403 of every operation in its OpenAPI document', async () => {
    expect(await openApiSecurityGaps(service.baseUrl)).toEqual([]);
  });
});
