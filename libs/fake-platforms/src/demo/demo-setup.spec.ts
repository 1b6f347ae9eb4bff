import type { Server } from 'node:http';
import { closeServer, listenLocal, readBody, sendJson } from '../fake-http';
import { DEMO_SOURCES } from './demo-sources';
import { DemoServices, registerSources, subscribeAgencies } from './demo-setup';

interface Call {
  method: string;
  path: string;
  authorization?: string;
  body?: Record<string, unknown>;
}

describe("the demo's registrations", () => {
  const calls: Call[] = [];
  const servers: Server[] = [];
  let services: DemoServices;
  const headers = () => ({ authorization: 'Bearer demo-admin' });

  beforeAll(async () => {
    /** A service that records its calls and answers by `route`. */
    const service = async (route: (call: Call) => [number, unknown]): Promise<string> => {
      const { server, baseUrl } = await listenLocal(async (request, response) => {
        const text = await readBody(request);
        const call = { method: request.method ?? '', path: request.url ?? '', authorization: request.headers.authorization, body: text ? JSON.parse(text) : undefined };
        calls.push(call);
        const [status, body] = route(call);
        if (status === 200 || status === 201) return sendJson(response, body);
        response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      });
      servers.push(server);
      return baseUrl;
    };
    services = {
      ingest: await service((c) => (c.method === 'GET' ? (c.path.endsWith('/demo-vk-nevsky') ? [200, {}] : [404, {}]) : [201, c.body])),
      router: await service(() => [200, [{ id: 'spb-kb' }, { id: 'spb-zha-nevsky' }, { id: 'spb-mc' }]]),
      notifier: await service((c) => (c.method === 'GET' ? (c.path.includes('/spb-mc/') ? [200, {}] : [404, {}]) : [200, c.body])),
      desk: 'http://127.0.0.1:9',
    };
  });

  afterAll(async () => {
    for (const server of servers) await closeServer(server);
  });

  it("registers the communities and the Open311 intake it does not find in ingest, with the classifier's territory codes", async () => {
    const created = await registerSources(services, headers);
    expect(created).toEqual([...DEMO_SOURCES.map((s) => s.id).filter((id) => id !== 'demo-vk-nevsky'), 'open311']);
    const posted = calls.filter((c) => c.method === 'POST' && c.path === '/v1/sources');
    expect(posted.every((c) => c.authorization === 'Bearer demo-admin')).toBe(true);
    expect(posted.map((c) => c.body?.territoryCode)).toEqual(expect.arrayContaining(['40:primorsky', '40:vyborgsky', '40000000']));
    expect(posted.find((c) => c.body?.id === 'open311')?.body).toEqual(expect.objectContaining({ platform: 'intake', kind: 'intake' }));
  });

  it('gives an e-mail contact to every agency without notification preferences, and leaves the others alone', async () => {
    expect(await subscribeAgencies(services, headers)).toBe(2);
    const puts = calls.filter((c) => c.method === 'PUT');
    expect(puts.map((c) => c.path).sort()).toEqual(['/v1/agencies/spb-kb/preferences', '/v1/agencies/spb-zha-nevsky/preferences']);
    expect(puts.map((c) => (c.body?.contacts as { address: string }[])[0]?.address).sort()).toEqual(['spb-kb@agency.otklik.local', 'spb-zha-nevsky@agency.otklik.local']);
  });
});
