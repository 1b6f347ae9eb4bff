import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { EventPublisher } from '@otklik/messaging';
import { Caller, verifyToken } from '@otklik/auth';
import { DeskClient, testKeys, waitFor } from '@otklik/testing';
import { classified, Fixture, minutes, postReceived, routed } from '../testing/event-fixtures';
import { DeskUnderTest, startDesk } from '../testing/desk-test-app';

/** Stands in for ingest's intake: checks desk's token, records what desk forwards and answers as ingest does. */
async function fakeIngest(): Promise<{ url: string; posts: unknown[]; callers: Caller[]; server: Server }> {
  const posts: unknown[] = [];
  const callers: Caller[] = [];
  const read = (request: IncomingMessage): Promise<string> =>
    new Promise((resolve) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => resolve(body));
    });
  const server = createServer(async (request, response) => {
    try {
      callers.push(verifyToken((request.headers.authorization ?? '').replace(/^Bearer /, ''), testKeys()));
    } catch {
      response.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ statusCode: 401, message: ['authorization: bad token'] }));
      return;
    }
    if (request.method === 'GET') {
      // The directories desk reads from their owners (here: sources and agencies).
      const found = request.url?.startsWith('/v1/sources') ? [{ id: 'open311', platform: 'intake' }] : request.url === '/v1/agencies/gzhi' ? { id: 'gzhi', name: 'ГЖИ' } : undefined;
      response.writeHead(found ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(found ?? { statusCode: 404, message: 'not found' }));
      return;
    }
    const body = JSON.parse(await read(request)) as { externalId: string };
    posts.push({ path: request.url, body });
    response.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify([{ externalId: body.externalId, postId: 'p-open311', outcome: 'recorded' }]));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, posts, callers, server };
}

const form = (fields: Record<string, string>): string => new URLSearchParams(fields).toString();
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('Open311 GeoReport v2 (real broker and database)', () => {
  let desk: DeskUnderTest;
  let ingest: Awaited<ReturnType<typeof fakeIngest>>;
  let portal: DeskClient;
  let apiKey: string;

  beforeAll(async () => {
    ingest = await fakeIngest();
    desk = await startDesk('desk-open311', { env: { DESK_INGEST_URL: ingest.url, DESK_ROUTER_URL: ingest.url } });
    apiKey = (await desk.admin.post<{ secret: string }>('/api/v1/api-tokens', { name: 'Портал', role: 'integration' })).body.secret;
    portal = desk.client();
  }, 180_000);

  afterAll(async () => {
    await desk?.close();
    await new Promise((resolve) => ingest?.server.close(resolve));
  });

  it('reads directories from the services that own them', async () => {
    expect((await desk.admin.get('/api/v1/directories/sources')).body).toEqual([{ id: 'open311', platform: 'intake' }]);
    expect((await desk.admin.get('/api/v1/directories/agencies/gzhi')).body).toEqual({ id: 'gzhi', name: 'ГЖИ' });
    expect((await desk.admin.get('/api/v1/directories/agencies/nobody')).status).toBe(404);
    expect((await desk.admin.get('/api/v1/directories/secrets')).status).toBe(404);
    expect((await desk.client().get('/api/v1/directories/agencies')).status).toBe(401);
    expect(ingest.callers.at(-1)).toMatchObject({ role: 'admin' });
  });

  it("lists the taxonomy's topics as services, in JSON and XML, without credentials", async () => {
    const json = await portal.get<{ service_code: string; group: string; metadata: boolean }[]>('/open311/v2/services.json');
    expect(json.status).toBe(200);
    expect(json.body).toEqual(expect.arrayContaining([expect.objectContaining({ service_code: 'housing.heating', service_name: 'Отопление', group: 'ЖКХ', metadata: true, type: 'realtime' })]));
    const xml = await portal.get<string>('/open311/v2/services.xml');
    expect(xml.headers.get('content-type')).toMatch(/xml/);
    expect(xml.body).toContain('<services><service><service_code>');
    const definition = await portal.get<{ attributes: { code: string }[] }>('/open311/v2/services/housing.heating.json');
    expect(definition.body.attributes[0]?.code).toBe('address_details');
  });

  it('answers errors as the spec says: a JSON array of { code, description }', async () => {
    expect(await portal.get('/open311/v2/services/no.such.json')).toEqual(expect.objectContaining({ status: 404, body: [{ code: 404, description: 'service_code no.such not found' }] }));
    expect((await portal.get('/open311/v2/services.json?jurisdiction_id=elsewhere')).status).toBe(404);
    const noKey = await portal.post('/open311/v2/requests.json', form({ service_code: 'housing.heating', lat: '59.9', long: '30.3', description: 'x' }), FORM);
    expect(noKey).toEqual(expect.objectContaining({ status: 403, body: [{ code: 403, description: 'api_key: missing or not allowed to post requests' }] }));
    const bad = await portal.post('/open311/v2/requests.json', form({ api_key: apiKey, service_code: 'housing.heating', lat: '91', long: '30.3' }), FORM);
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual([
      { code: 400, description: 'lat: must be a number from -90 to 90' },
      { code: 400, description: 'description: required' },
    ]);
    const xml = await portal.post<string>('/open311/v2/requests.xml', form({ api_key: apiKey }), FORM);
    expect(xml.body).toContain('<errors><error><code>400</code><description>service_code: required</description></error>');
  });

  it('takes a request, answers with a token, forwards it to ingest, and resolves the token once it is an incident', async () => {
    const created = await portal.post<{ token: string }[]>(
      '/open311/v2/requests.json',
      form({
        api_key: apiKey,
        service_code: 'housing.heating',
        lat: '59.93',
        long: '30.36',
        description: 'Холодные батареи в квартире',
        'attribute[address_details]': 'подъезд 3',
        email: 'citizen@example.org',
        regime: 'pos_message',
      }),
      FORM,
    );
    expect(created.status).toBe(201);
    const token = created.body[0]?.token ?? '';
    expect(token).toMatch(/^[0-9a-f-]{36}$/);
    const forwarded = await waitFor('the request at ingest', () => ingest.posts.length > 0 && ingest.posts[0]);
    expect(ingest.callers.at(-1)).toEqual({ sub: 'desk', role: 'service' });
    expect(forwarded).toEqual({
      path: '/v1/posts',
      body: expect.objectContaining({
        sourceId: 'open311',
        platform: 'intake',
        externalId: `open311:${token}`,
        text: '[Отопление] Холодные батареи в квартире\naddress_details: подъезд 3',
        author: { id: 'citizen@example.org' },
        geo: { lat: 59.93, lon: 30.36 },
        regime: 'pos_message',
      }),
    });
    expect((await portal.get<{ token: string; service_request_id?: string }[]>(`/open311/v2/tokens/${token}.json`)).body).toEqual([{ token }]);

    const t0 = new Date(Date.now() - 10 * 60_000);
    const publisher = desk.service.app.get(EventPublisher);
    const pipeline: Fixture[] = [
      postReceived('p-open311', 'Холодные батареи в квартире', t0, { platform: 'intake', externalId: `open311:${token}`, geo: { lat: 59.93, lon: 30.36 } }),
      classified('p-open311', 'housing.heating', 0.9, minutes(t0, 1)),
      routed('311', ['p-open311'], 'gzhi', minutes(t0, 2)),
    ];
    for (const event of pipeline) await publisher.send(event.topic, event.envelope, 'p-open311');
    const resolved = await waitFor(
      'the token to resolve',
      async () => {
        const answer = await portal.get<{ service_request_id?: string }[]>(`/open311/v2/tokens/${token}.json`);
        return answer.body[0]?.service_request_id ? answer.body : undefined;
      },
      30000,
      250,
    );
    expect(resolved).toEqual([{ service_request_id: '78-2026-000311', token }]);

    const one = await portal.get<Record<string, unknown>[]>('/open311/v2/requests/78-2026-000311.json');
    expect(one.body).toEqual([
      expect.objectContaining({
        service_request_id: '78-2026-000311',
        status: 'open',
        service_code: 'housing.heating',
        service_name: 'Отопление',
        agency_responsible: 'gzhi',
        lat: 59.88,
        long: 30.45,
        requested_datetime: expect.any(String),
      }),
    ]);
    const open = await portal.get<{ service_request_id: string }[]>('/open311/v2/requests.json?status=open&service_code=housing');
    expect(open.body.map((r) => r.service_request_id)).toContain('78-2026-000311');
    expect((await portal.get('/open311/v2/requests.json?start_date=yesterday')).body).toEqual([{ code: 400, description: 'start_date: must be an ISO 8601 date-time' }]);
    expect((await portal.get('/open311/v2/requests/none.json')).status).toBe(404);
  });

  it("hands the citizen's follow-up on a request to ingest as a reply to the request's post, by the same author", async () => {
    const created = await portal.post<{ token: string }[]>(
      '/open311/v2/requests.json',
      form({
        api_key: apiKey,
        service_code: 'landscaping.snow_ice',
        lat: '59.93',
        long: '30.36',
        description: 'Двор не убран',
        account_id: 'citizen-77',
      }),
      FORM,
    );
    const token = created.body[0]?.token ?? '';
    const t0 = new Date(Date.now() - 10 * 60_000);
    const pipeline: Fixture[] = [postReceived('p-open311-b', 'Двор не убран', t0, { platform: 'intake', externalId: `open311:${token}` }), routed('312', ['p-open311-b'], 'gzhi', minutes(t0, 2))];
    for (const event of pipeline) await desk.service.app.get(EventPublisher).send(event.topic, event.envelope, 'p-open311-b');
    await waitFor('the incident of the request', async () => (await portal.get('/open311/v2/requests/78-2026-000312.json')).status === 200, 30000, 250);

    const followUp = await portal.post<{ token: string; service_request_id: string }[]>(
      '/open311/v2/requests/78-2026-000312/followups.json',
      form({ api_key: apiKey, description: 'Ничего не сделано' }),
      FORM,
    );
    expect(followUp.status).toBe(201);
    expect(followUp.body[0]).toMatchObject({ service_request_id: '78-2026-000312', token: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const forwarded = await waitFor('the follow-up at ingest', () => ingest.posts.find((p) => (p as { body: { text: string } }).body.text === 'Ничего не сделано'));
    expect(forwarded).toEqual({
      path: '/v1/posts',
      body: expect.objectContaining({
        platform: 'intake',
        externalId: `open311:${followUp.body[0]?.token}`,
        replyTo: `open311:${token}`,
        threadId: `open311:${token}`,
        author: { id: 'citizen-77' },
      }),
    });

    const empty = await portal.post('/open311/v2/requests/78-2026-000312/followups.json', form({ api_key: apiKey }), FORM);
    expect(empty).toEqual(expect.objectContaining({ status: 400, body: [{ code: 400, description: 'description: required (or a media_url)' }] }));
    expect((await portal.post('/open311/v2/requests/none/followups.json', form({ api_key: apiKey, description: 'x' }), FORM)).status).toBe(404);
    expect((await portal.post('/open311/v2/requests/78-2026-000312/followups.json', form({ description: 'x' }), FORM)).status).toBe(403);
  });
});
