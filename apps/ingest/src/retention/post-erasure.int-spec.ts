import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { TOPICS } from '@otklik/contracts';
import type { EventTap } from '@otklik/messaging';
import { authHeader, isolateInfra, IsolatedInfra, startTestService, TestService, waitFor } from '@otklik/testing';
import { AppModule } from '../app.module';
import { configureIngestHttp } from '../http-setup';
import { POST_STORE } from '../posts/posts.tokens';
import { PostOutboxRelay } from '../posts/post-outbox.relay';
import type { MongoPostStore } from '../posts/mongo-post.store';
import { PostErasureJob } from './post-erasure.job';

const DAY_MS = 86400_000;
/** A moment past the default retention of 365 days for everything written today. */
const nextYear = () => new Date(Date.now() + 366 * DAY_MS);

const post = (i: number, extra: object = {}) => ({
  sourceId: 'erasure-monitor',
  externalId: `e-${i}`,
  url: `https://example.org/posts/e-${i}`,
  author: { id: `author-${i}`, displayName: `Мария Сидорова ${i}` },
  text: `Обращение ${i}: у дома ${i} по улице Гагарина не горят фонари`,
  createdAt: '2024-05-01T10:00:00Z',
  attachments: [{ type: 'photo', url: `https://example.org/p-${i}.jpg` }],
  geo: { lat: 51.73, lon: 36.19 },
  ...extra,
});

type Result = { postId: string; outcome: string };

describe('post retention on the real database', () => {
  let infra: IsolatedInfra;
  let service: TestService;
  let tap: EventTap;

  const send = async (...posts: object[]): Promise<Result[]> => {
    const response = await fetch(`${service.baseUrl}/v1/posts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authHeader({ role: 'integration', sub: 'monitor' }) },
      body: JSON.stringify(posts),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { results: Result[] }).results;
  };
  const posts = () => service.app.get<Connection>(getConnectionToken()).collection<{ _id: string } & Record<string, unknown>>('posts');
  const drained = () => waitFor('outbox drained', async () => (await posts().countDocuments({ pendingSince: { $ne: null } })) === 0);

  beforeAll(async () => {
    infra = isolateInfra('ingest-erasure');
    Object.assign(process.env, { INGEST_PSEUDONYM_KEY: 'integration-pseudonym-key-0123456789', INGEST_POLLING_ENABLED: 'false', INGEST_RELAY_IDLE_MS: '50' });
    service = await startTestService('ingest', AppModule, { configure: configureIngestHttp });
    tap = await service.tap([TOPICS.postReceived, TOPICS.postEdited]);
    const created = await fetch(`${service.baseUrl}/v1/sources`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authHeader({ role: 'admin' }) },
      body: JSON.stringify({ id: 'erasure-monitor', platform: 'intake', kind: 'intake', agencyId: 'cur', pollIntervalSec: 0 }),
    });
    expect(created.status).toBe(201);
  });

  afterAll(async () => {
    await service?.close();
    await infra?.cleanup();
  });

  it('keeps posts within POST_RETENTION_DAYS and erases text, author, link, media and place past it', async () => {
    const [first, second] = await send(post(1), post(2));
    for (const { postId } of [first, second]) await tap.waitFor(TOPICS.postReceived, (m) => m.key === postId);
    await drained();
    const job = service.app.get(PostErasureJob);
    expect(await job.erase(new Date())).toBe(0);
    expect(await job.erase(nextYear())).toBe(2);

    const stored = await posts().findOne({ _id: first.postId });
    expect(stored).toMatchObject({ externalId: 'e-1', platform: 'intake', revision: 2, authorPseudonym: '', emitted: true, post: { text: '', attachments: [] } });
    expect(stored?.erasedAt).toBeInstanceOf(Date);
    const everything = JSON.stringify(await posts().find({}).toArray());
    for (const personal of ['Мария Сидорова', 'Гагарина', 'example.org', '51.73']) expect(everything).not.toContain(personal);

    const shown = (await (await fetch(`${service.baseUrl}/v1/posts/${first.postId}`, { headers: authHeader({ role: 'operator' }) })).json()) as { post: { text: string; author: object } };
    expect(shown.post.text).toBe('');
    expect(shown.post.author).toEqual({ pseudonym: '', isCommunity: false });
  });

  it('sees an erased post again as unchanged, and keeps anew what a later edit brings', async () => {
    const [again] = await send(post(1));
    expect(again.outcome).toBe('unchanged');
    expect(tap.messages.filter((m) => m.topic === TOPICS.postReceived && m.key === again.postId)).toHaveLength(1);

    const [edited] = await send(post(1, { text: 'Обращение 1: у дома 1 по улице Гагарина не горят фонари уже неделю' }));
    expect(edited.outcome).toBe('edited');
    const event = await tap.waitFor(TOPICS.postEdited, (m) => m.key === edited.postId);
    expect(event.json).toMatchObject({ payload: { revision: 3, text: expect.stringContaining('уже неделю'), author: { displayName: 'Мария Сидорова 1' } } });
    const stored = await posts().findOne({ _id: edited.postId });
    expect(stored).toMatchObject({ revision: 3, authorPseudonym: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(stored).not.toHaveProperty('erasedAt');
  });

  it('leaves a post whose events are not published yet, and erases it once they are', async () => {
    const relay = service.app.get(PostOutboxRelay);
    await relay.beforeApplicationShutdown();
    const [pending] = await send(post(3));
    const job = service.app.get(PostErasureJob);
    await job.erase(nextYear());
    expect(await posts().findOne({ _id: pending.postId })).toMatchObject({ pendingSince: expect.any(Date), post: { text: expect.stringContaining('Обращение 3') } });

    relay.onApplicationBootstrap();
    const received = await tap.waitFor(TOPICS.postReceived, (m) => m.key === pending.postId);
    expect(received.json).toMatchObject({ payload: { text: expect.stringContaining('Обращение 3'), author: { displayName: 'Мария Сидорова 3' } } });
    await drained();
    await job.erase(nextYear());
    expect(await posts().findOne({ _id: pending.postId })).toMatchObject({ erasedAt: expect.any(Date), post: { text: '' } });
  });

  it('moves the revision on, so that a write based on the post as read before the erasure is refused', async () => {
    const [read] = await send(post(4));
    await drained();
    const store = service.app.get<MongoPostStore>(POST_STORE);
    const before = await store.findById(read.postId);
    if (!before) throw new Error('post 4 not stored');
    await service.app.get(PostErasureJob).erase(nextYear());
    expect(await store.replace({ ...before, revision: before.revision + 1, deletedAt: new Date() }, before.revision)).toBe(false);
    expect(await posts().findOne({ _id: read.postId })).toMatchObject({ post: { text: '' }, authorPseudonym: '' });
  });
});
