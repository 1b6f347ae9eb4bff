import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { TOPICS } from '@otklik/contracts';
import type { EventTap } from '@otklik/messaging';
import { isolateInfra, IsolatedInfra, startTestService, TestService, waitFor } from '@otklik/testing';
import { AppModule } from '../app.module';
import { configureIngestHttp } from '../http-setup';
import { RawPayloadPurgeJob } from '../retention/raw-payload-purge.job';

const post = (i: number, extra: object = {}) => ({
  sourceId: 'media-monitor', externalId: `m-${i}`, author: { id: `a${i}`, displayName: `Автор ${i}` },
  text: `Обращение ${i}: на улице Садовой ${i} прорвало трубу, вода заливает подвал`, createdAt: '2024-05-01T10:00:00Z', ...extra,
});

describe('POST /v1/posts on the real broker and database', () => {
  let infra: IsolatedInfra;
  let service: TestService;
  let tap: EventTap;

  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${service.baseUrl}${path}`, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });

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

  it('shows a post\'s author name only to a role allowed to see it', async () => {
    const [first] = tap.messages.filter((m) => m.topic === TOPICS.postReceived);
    const postId = first.key ?? '';
    const asOperator = (await (await api(`/v1/posts/${postId}`, { headers: { 'x-otklik-role': 'operator' } })).json()) as { post: { author: { displayName?: string } } };
    const anonymous = (await (await api(`/v1/posts/${postId}`)).json()) as { post: { author: { displayName?: string; pseudonym: string } } };
    expect(asOperator.post.author.displayName).toMatch(/^Автор/);
    expect(anonymous.post.author.displayName).toBeUndefined();
    expect(anonymous.post.author.pseudonym).toMatch(/^[0-9a-f]{32}$/);
  });
});
