import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { TOPICS } from '@otklik/contracts';
import type { EventTap } from '@otklik/messaging';
import { authHeader, isolateInfra, IsolatedInfra, startTestService, TestService, waitFor } from '@otklik/testing';
import { AppModule } from '../app.module';
import { configureIngestHttp } from '../http-setup';

const T0 = Date.now() - 10 * 60_000;
/** Six posts by one author within minutes (recent ones: the flood check looks back from now): the sixth is held back as flood. */
const floodPost = (i: number) => ({
  sourceId: 'held-monitor',
  externalId: `flood-${i}`,
  author: { id: 'one-author', displayName: 'Один автор' },
  text: `Сообщение ${i}: у дома ${i} на Садовой улице прорвало трубу, вода заливает подвал`,
  createdAt: new Date(T0 + i * 60_000).toISOString(),
});

describe('held posts: list and release (real broker and database)', () => {
  let infra: IsolatedInfra;
  let service: TestService;
  let tap: EventTap;
  let heldId: string;
  const operator = authHeader({ role: 'operator', sub: 'op-held' });

  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${service.baseUrl}${path}`, { ...init, headers: { 'content-type': 'application/json', ...authHeader({ role: 'admin' }), ...init.headers } });

  beforeAll(async () => {
    infra = isolateInfra('ingest-held');
    process.env.INGEST_PSEUDONYM_KEY = 'integration-pseudonym-key-0123456789';
    process.env.INGEST_POLLING_ENABLED = 'false';
    process.env.INGEST_RELAY_IDLE_MS = '50';
    service = await startTestService('ingest', AppModule, { configure: configureIngestHttp });
    tap = await service.tap([TOPICS.postReceived]);
    const source = { id: 'held-monitor', platform: 'intake', kind: 'intake', territoryCode: '40000000', pollIntervalSec: 0 };
    expect((await api('/v1/sources', { method: 'POST', body: JSON.stringify(source) })).status).toBe(201);
    const response = await api('/v1/posts', { method: 'POST', body: JSON.stringify([1, 2, 3, 4, 5, 6].map(floodPost)) });
    const results = ((await response.json()) as { results: { postId: string; outcome: string }[] }).results;
    expect(results.map((r) => r.outcome)).toEqual(['received', 'received', 'received', 'received', 'received', 'filtered']);
    heldId = results[5]?.postId ?? '';
  });

  afterAll(async () => {
    await service?.close();
    await infra?.cleanup();
  });

  it('lists the held post with the reason it was held', async () => {
    const held = (await (await api('/v1/posts/filtered?sourceId=held-monitor', { headers: operator })).json()) as { post: { postId: string }; filterReasons: string[]; published: boolean }[];
    expect(held).toEqual([expect.objectContaining({ post: expect.objectContaining({ postId: heldId }), filterReasons: ['flood'], published: false })]);
  });

  it('refuses the release to agency staff and to a service acting alone', async () => {
    const agency = await api(`/v1/posts/${heldId}/release`, { method: 'POST', headers: authHeader({ role: 'agency', agencyId: 'gzhi' }) });
    const service = await api(`/v1/posts/${heldId}/release`, { method: 'POST', headers: authHeader({ role: 'service', sub: 'desk' }) });
    expect([agency.status, service.status]).toEqual([403, 403]);
    expect(tap.messages.some((m) => m.key === heldId)).toBe(false);
  });

  it("publishes the released post's post.received once and keeps who released it", async () => {
    const released = await api(`/v1/posts/${heldId}/release`, { method: 'POST', headers: operator });
    expect(released.status).toBe(200);
    expect(await released.json()).toMatchObject({ published: true, filterReasons: [], revision: 2, release: { by: 'op-held', reasons: ['flood'] } });
    const event = await tap.waitFor(TOPICS.postReceived, (m) => m.key === heldId);
    expect(event.json).toMatchObject({ type: 'post.received', payload: { postId: heldId, revision: 2, text: expect.stringContaining('у дома 6') } });
    const posts = service.app.get<Connection>(getConnectionToken()).collection('posts');
    await waitFor('outbox drained', async () => (await posts.countDocuments({ _id: heldId, pendingSince: null } as object)) === 1);
    expect(tap.messages.filter((m) => m.key === heldId)).toHaveLength(1);
    const list = (await (await api('/v1/posts/filtered?sourceId=held-monitor', { headers: operator })).json()) as unknown[];
    expect(list).toEqual([]);
  });

  it('answers 409 naming postId for a post that is not held, and 404 for an unknown one', async () => {
    const again = await api(`/v1/posts/${heldId}/release`, { method: 'POST', headers: operator });
    expect(again.status).toBe(409);
    expect(JSON.stringify(await again.json())).toContain(`postId: post ${heldId} is not held back: it was published`);
    const unknown = await api('/v1/posts/no-such-post/release', { method: 'POST', headers: operator });
    expect(unknown.status).toBe(404);
    expect(JSON.stringify(await unknown.json())).toContain('postId: no post no-such-post');
  });

  it('audits the release with the operator who made it', async () => {
    const audit = service.app.get<Connection>(getConnectionToken()).collection('audit_log');
    const record = await waitFor('release audited', async () => (await audit.findOne({ path: `/v1/posts/${heldId}/release`, status: 200 })) ?? undefined);
    expect(record).toMatchObject({ method: 'POST', actor: { sub: 'op-held', role: 'operator' } });
  });
});
