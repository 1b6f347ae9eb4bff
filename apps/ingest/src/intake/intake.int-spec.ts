import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { TOPICS } from '@otklik/contracts';
import type { EventTap } from '@otklik/messaging';
import { authHeader, isolateInfra, openApiSecurityGaps, IsolatedInfra, startTestService, TestService, waitFor } from '@otklik/testing';
import { AppModule } from '../app.module';
import { configureIngestHttp } from '../http-setup';
import { RawPayloadPurgeJob } from '../retention/raw-payload-purge.job';

const post = (i: number, extra: object = {}) => ({
  sourceId: 'media-monitor',
  externalId: `m-${i}`,
  author: { id: `a${i}`, displayName: `Автор ${i}` },
  text: `Обращение ${i}: на улице Садовой ${i} прорвало трубу, вода заливает подвал`,
  createdAt: '2024-05-01T10:00:00Z',
  ...extra,
});

describe('POST /v1/posts on the real broker and database', () => {
  let infra: IsolatedInfra;
  let service: TestService;
  let tap: EventTap;

  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${service.baseUrl}${path}`, { ...init, headers: { 'content-type': 'application/json', ...authHeader({ role: 'admin' }), ...init.headers } });

  beforeAll(async () => {
    infra = isolateInfra('ingest-intake');
    process.env.INGEST_PSEUDONYM_KEY = 'integration-pseudonym-key-0123456789';
    process.env.INGEST_POLLING_ENABLED = 'false';
    process.env.INGEST_RELAY_IDLE_MS = '50';
    service = await startTestService('ingest', AppModule, { configure: configureIngestHttp });
    tap = await service.tap([TOPICS.postReceived, TOPICS.postEdited]);
    const created = await api('/v1/sources', {
      method: 'POST',
      body: JSON.stringify({ id: 'media-monitor', platform: 'intake', kind: 'intake', agencyId: 'cur', territoryCode: '38701000', pollIntervalSec: 0 }),
    });
    expect(created.status).toBe(201);
  });

  afterAll(async () => {
    await service?.close();
    await infra?.cleanup();
  });

  it('publishes each post of a batch once, keyed by post id, with deterministic event ids', async () => {
    const response = await api('/v1/posts', { method: 'POST', body: JSON.stringify([post(1), post(2), post(3)]) });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { accepted: number; results: { postId: string; outcome: string }[] };
    expect(body.results.map((r) => r.outcome)).toEqual(['received', 'received', 'received']);
    for (const { postId } of body.results) {
      const message = await tap.waitFor(TOPICS.postReceived, (m) => m.key === postId);
      expect(message.json).toMatchObject({ type: 'post.received', producedBy: 'ingest', payload: { postId, community: { agencyId: 'cur' } } });
      expect(JSON.stringify(message.json)).not.toContain('"a1"');
    }
  });

  it('answers 400 naming the field, and records nothing of that request', async () => {
    const response = await api('/v1/posts', { method: 'POST', body: JSON.stringify([post(10), post(11, { createdAt: 'вчера' })]) });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string[] }).message).toEqual(['[1].createdAt: createdAt must be a valid ISO 8601 date string']);
    const posts = service.app.get<Connection>(getConnectionToken()).collection('posts');
    expect(await posts.countDocuments({ externalId: 'm-10' })).toBe(0);
  });

  it('refuses a source whose territory code is not of the one scheme, saying which forms it takes', async () => {
    const response = await api('/v1/sources', {
      method: 'POST',
      body: JSON.stringify({ id: 'legacy-coded', platform: 'intake', kind: 'intake', territoryCode: 'RU-SPE:nevsky', pollIntervalSec: 0 }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string[] }).message).toEqual([
      'territoryCode: territoryCode must be an OKTMO code (8 or 11 digits, e.g. 38701000) or a local code <region key>:<name> (e.g. 40:nevsky)',
    ]);
  });

  it('re-sent posts emit nothing; an edit emits post.edited', async () => {
    const again = await api('/v1/posts', { method: 'POST', body: JSON.stringify([post(1), post(2, { text: 'Исправление: на улице Садовой 2 прорвало трубу, затопило подвал и двор' })]) });
    const results = ((await again.json()) as { results: { postId: string; outcome: string }[] }).results;
    expect(results.map((r) => r.outcome)).toEqual(['unchanged', 'edited']);
    const edited = await tap.waitFor(TOPICS.postEdited, (m) => m.key === results[1].postId);
    expect(edited.json).toMatchObject({ payload: { revision: 2 } });
    const posts = service.app.get<Connection>(getConnectionToken()).collection('posts');
    await waitFor('outbox drained', async () => (await posts.countDocuments({ pendingSince: { $ne: null } })) === 0);
    expect(tap.messages.filter((m) => m.topic === TOPICS.postReceived && m.key === results[0].postId)).toHaveLength(1);
  });

  it('takes a batch of 1,000 posts in one request', async () => {
    const batch = Array.from({ length: 1000 }, (_, i) => post(1000 + i, { text: `Сообщение ${i}: ${'двор '.repeat(i % 5)}номер ${i * 7919} не убран снег` }));
    const response = await api('/v1/posts', { method: 'POST', body: JSON.stringify(batch) });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { accepted: number }).accepted).toBe(1000);
    await waitFor('1,000 received events', () => tap.messages.filter((m) => m.topic === TOPICS.postReceived).length >= 1003, 60000);
  });

  it('shows the source with its counters', async () => {
    const view = await waitFor('counters flushed', async () => {
      const body = (await (await api('/v1/sources/media-monitor')).json()) as { status: { counters: { received: number } } | null };
      return (body.status?.counters.received ?? 0) >= 1003 ? body : undefined;
    });
    expect(view.status?.counters.received).toBe(1003);
  });

  it('purges raw payloads past the retention period with a job, not a TTL index', async () => {
    const raw = service.app.get<Connection>(getConnectionToken()).collection('raw_payloads');
    await waitFor('raw payloads flushed', async () => (await raw.countDocuments({})) >= 1004);
    const indexes = await raw.indexes();
    expect(indexes.some((index) => index.expireAfterSeconds !== undefined)).toBe(false);
    const job = service.app.get(RawPayloadPurgeJob);
    expect(await job.purge(new Date())).toBe(0);
    expect(await job.purge(new Date(Date.now() + 31 * 86400_000))).toBeGreaterThanOrEqual(1004);
    expect(await raw.countDocuments({})).toBe(0);
  });

  it("shows a post's author name only to a role allowed to see it", async () => {
    const [first] = tap.messages.filter((m) => m.topic === TOPICS.postReceived);
    const postId = first.key ?? '';
    const asOperator = (await (await api(`/v1/posts/${postId}`, { headers: authHeader({ role: 'operator' }) })).json()) as { post: { author: { displayName?: string } } };
    const anonymous = (await (await api(`/v1/posts/${postId}`, { headers: authHeader({ role: 'service', sub: 'desk' }) })).json()) as { post: { author: { displayName?: string; pseudonym: string } } };
    expect(asOperator.post.author.displayName).toMatch(/^Автор/);
    expect(anonymous.post.author.displayName).toBeUndefined();
    expect(anonymous.post.author.pseudonym).toMatch(/^[0-9a-f]{32}$/);
  });

  describe('who may call', () => {
    const raw = (path: string, init: RequestInit = {}) => fetch(`${service.baseUrl}${path}`, init);
    const json = { 'content-type': 'application/json' };

    it('answers 401 without a token or with a forged one', async () => {
      expect((await raw('/v1/sources')).status).toBe(401);
      expect((await raw('/v1/posts', { method: 'POST', headers: json, body: JSON.stringify(post(40)) })).status).toBe(401);
      const [header, , signature] = authHeader({ role: 'operator' }).authorization.split('.');
      const claims = Buffer.from(JSON.stringify({ sub: 'x', role: 'admin', iss: 'otklik', iat: 0, exp: 9e9 })).toString('base64url');
      const forged = await raw('/v1/sources', { headers: { authorization: `${header}.${claims}.${signature}` } });
      expect(forged.status).toBe(401);
      expect(forged.headers.get('www-authenticate')).toMatch(/^Bearer/);
    });

    it('no longer trusts an x-otklik-role header', async () => {
      expect((await raw('/v1/posts/filtered', { headers: { 'x-otklik-role': 'operator' } })).status).toBe(401);
    });

    it('answers 403 to a role the route does not allow', async () => {
      expect((await api('/v1/posts', { method: 'POST', body: JSON.stringify(post(41)), headers: authHeader({ role: 'operator' }) })).status).toBe(403);
      expect((await api('/v1/sources', { method: 'POST', body: '{}', headers: authHeader({ role: 'operator' }) })).status).toBe(403);
      expect((await api('/v1/posts/filtered', { headers: authHeader({ role: 'integration' }) })).status).toBe(403);
    });

    it("keeps agency staff out of posts and sources, which are the whole centre's", async () => {
      const agency = authHeader({ role: 'agency', agencyId: 'cur' });
      expect((await api('/v1/sources/media-monitor', { headers: agency })).status).toBe(403);
      expect((await api('/v1/posts/filtered', { headers: agency })).status).toBe(403);
      expect((await api('/v1/posts', { method: 'POST', body: JSON.stringify(post(42)), headers: agency })).status).toBe(403);
    });

    it('lets integration and service tokens post to the intake', async () => {
      for (const [i, caller] of [
        [43, { role: 'integration' as const, sub: 'monitor' }],
        [44, { role: 'service' as const, sub: 'desk' }],
      ] as const) {
        expect((await api('/v1/posts', { method: 'POST', body: JSON.stringify(post(i)), headers: authHeader(caller) })).status).toBe(200);
      }
    });

    it('leaves platform webhooks to their own secrets, and health and metrics open', async () => {
      const vk = await raw('/v1/vk/callback', { method: 'POST', headers: json, body: JSON.stringify({ type: 'confirmation', group_id: 1 }) });
      expect(vk.status).not.toBe(401);
      expect((await raw('/health/live')).status).toBe(200);
      expect((await raw('/metrics')).status).toBe(200);
    });

    it('audits each write with who, what and when, refused ones included, and never the token', async () => {
      const token = authHeader({ role: 'integration', sub: 'audited-monitor' });
      await api('/v1/posts', { method: 'POST', body: JSON.stringify(post(45)), headers: token });
      await raw('/v1/sources', { method: 'POST', headers: json, body: '{}' });
      const audit = service.app.get<Connection>(getConnectionToken()).collection('audit_log');
      const mine = await waitFor('audit record', async () => (await audit.findOne({ 'actor.sub': 'audited-monitor' })) ?? undefined);
      expect(mine).toMatchObject({ service: 'ingest', method: 'POST', path: '/v1/posts', status: 200, actor: { role: 'integration' } });
      expect(mine.at).toBeInstanceOf(Date);
      await waitFor('refused write audited', async () => (await audit.findOne({ path: '/v1/sources', status: 401, actor: { $exists: false } })) ?? undefined);
      const all = JSON.stringify(await audit.find({}).toArray());
      expect(all).not.toContain(token.authorization.split('.')[2]);
    });

    it('answers 429 with Retry-After once one credential passes INGEST_INTAKE_PER_MINUTE requests', async () => {
      process.env.INGEST_INTAKE_PER_MINUTE = '2';
      try {
        const flood = authHeader({ role: 'integration', sub: 'flooding-monitor' });
        const statuses = [];
        for (const i of [50, 51, 52]) statuses.push((await api('/v1/posts', { method: 'POST', body: JSON.stringify(post(i)), headers: flood })).status);
        expect(statuses).toEqual([200, 200, 429]);
        const other = await api('/v1/posts', { method: 'POST', body: JSON.stringify(post(53)), headers: authHeader({ role: 'integration', sub: 'other-monitor' }) });
        expect(other.status).toBe(200);
      } finally {
        delete process.env.INGEST_INTAKE_PER_MINUTE;
      }
    });

    it('declares the bearer scheme and the 401 and 403 of every operation in its OpenAPI document', async () => {
      expect(await openApiSecurityGaps(service.baseUrl)).toEqual([]);
    });
  });
});
