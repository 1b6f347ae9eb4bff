import { TOPICS } from '@otklik/contracts';
import { FakeVkApi } from '@otklik/fake-platforms';
import { memoryIngest } from '../testing/recorder-fixture';
import type { SourceConfig } from '../sources/source.model';
import { DEFAULT_VK_CLIENT_OPTIONS, VkApiClient } from './vk-api.client';
import { VkWallPoller } from './vk-wall.poller';

const GROUP = 100;
const OWNER = -GROUP;
const source: SourceConfig = {
  id: 'vk-admin',
  platform: 'vk',
  kind: 'community',
  communityId: String(GROUP),
  name: 'Администрация',
  agencyId: 'admin',
  territoryCode: '38000000',
  pollIntervalSec: 60,
  queries: [],
  credentialRef: 'VK_TOKEN',
  enabled: true,
};
const minutesAgo = (m: number) => Math.floor(Date.now() / 1000) - m * 60;

describe('VkWallPoller against a local VK API', () => {
  let vk: FakeVkApi;
  let ingest: ReturnType<typeof memoryIngest>;
  let poller: VkWallPoller;

  const client = (requestsPerSecond = 1000) =>
    new VkApiClient({
      ...DEFAULT_VK_CLIENT_OPTIONS,
      baseUrl: vk.baseUrl,
      requestsPerSecond,
      retry: { attempts: 4, baseDelayMs: 5, maxDelayMs: 50 },
    });

  beforeEach(async () => {
    vk = await new FakeVkApi().start();
    vk.enforceRate = false;
    ingest = memoryIngest();
    poller = new VkWallPoller(client(), { pageSize: 100, overlap: 5, editWindowMs: 3 * 86400_000, backfillMs: 7 * 86400_000, maxPages: 50 });
    vk.profiles.push({ id: 7, first_name: 'Анна', last_name: 'Иванова' });
    vk.addPost(OWNER, { id: 1, date: minutesAgo(300), text: 'Официальное объявление администрации' });
    vk.addPost(OWNER, { id: 2, date: minutesAgo(200), from_id: 7, text: 'Нет воды на ул. Мира 😡', geo: { coordinates: '51.73 36.19' } });
    vk.addComment(OWNER, 1, { id: 10, date: minutesAgo(100), from_id: 7, text: 'Когда дадут воду?' });
    vk.addComment(OWNER, 1, { id: 11, date: minutesAgo(90), from_id: 8, text: 'Ответ в ветке', parents_stack: [10], reply_to_comment: 10 });
  });

  afterEach(() => vk.stop());

  it('records posts, comments and thread replies with links, threads and pseudonymous authors', async () => {
    const summary = await ingest.runner.run(poller, [source]);
    expect(summary).toMatchObject({ state: 'ok', outcomes: { received: 4 } });
    const events = await ingest.events();
    const byId = new Map(events.map((e) => [(e.envelope.payload as { externalId: string }).externalId, e.envelope.payload as Record<string, unknown>]));
    expect(byId.get('-100_2')).toMatchObject({
      url: 'https://vk.com/wall-100_2',
      text: 'Нет воды на ул. Мира 😡',
      geo: { lat: 51.73, lon: 36.19 },
      author: { displayName: 'Анна Иванова', isCommunity: false },
      community: { id: '100', agencyId: 'admin', territoryCode: '38000000' },
    });
    expect(byId.get('-100_1')).toMatchObject({ author: { isCommunity: true } });
    expect(byId.get('-100_1_c11')).toMatchObject({ replyTo: '-100_1_c10', threadId: '-100_1', url: 'https://vk.com/wall-100_1?reply=11&thread=10' });
    expect(byId.get('-100_1_c10')).toMatchObject({ replyTo: '-100_1', threadId: '-100_1' });
    expect(JSON.stringify(events)).not.toMatch(/"platformId"|"7"/);
    expect(await ingest.checkpoints.load('vk-admin')).toEqual({ lastPostId: 2, commentCounts: { '-100_1': 2, '-100_2': 0 } });
  });

  it('re-polling emits nothing; a new post, an edit and a new comment each emit once', async () => {
    await ingest.runner.run(poller, [source]);
    await ingest.events();
    expect((await ingest.runner.run(poller, [source])).outcomes).toEqual({ unchanged: 2 });
    vk.addPost(OWNER, { id: 3, date: minutesAgo(5), from_id: 8, text: 'Яма на дороге у школы' });
    Object.assign(vk.walls.get(OWNER)?.[1] ?? {}, { text: 'Нет воды на ул. Мира, дом 4', edited: minutesAgo(1) });
    vk.addComment(OWNER, 2, { id: 12, date: minutesAgo(1), from_id: 9, text: 'У нас тоже' });
    await ingest.runner.run(poller, [source]);
    const events = await ingest.events();
    expect(events.map((e) => [e.topic, (e.envelope.payload as { externalId: string }).externalId]).sort()).toEqual(
      [
        [TOPICS.postEdited, '-100_2'],
        [TOPICS.postReceived, '-100_2_c12'],
        [TOPICS.postReceived, '-100_3'],
      ].sort(),
    );
  });

  it('publishes deletions of a recent post (confirmed by wall.getById) and of comments', async () => {
    vk.walls.get(OWNER)?.push({ owner_id: OWNER, id: 50, date: minutesAgo(9000), text: 'Закреплённый пост', is_pinned: 1, from_id: OWNER });
    await ingest.runner.run(poller, [source]);
    await ingest.events();
    vk.deletePost(OWNER, 2);
    vk.deleteComment(OWNER, 1, 11);
    vk.deleteComment(OWNER, 1, 10);
    vk.addComment(OWNER, 1, { id: 13, date: minutesAgo(1), text: 'новый' });
    await ingest.runner.run(poller, [source]);
    const deleted = (await ingest.events()).filter((e) => e.topic === TOPICS.postDeleted);
    expect(deleted.map((e) => (e.envelope.payload as { externalId: string }).externalId).sort()).toEqual(['-100_1_c10', '-100_1_c11', '-100_2']);
    expect(vk.calls.filter((c) => c.method === 'wall.getById').map((c) => c.params.posts)).toEqual(['-100_2']);
  });

  it('keeps a comment shown as deleted because it has replies, and its replies', async () => {
    await ingest.runner.run(poller, [source]);
    await ingest.events();
    vk.deleteComment(OWNER, 1, 10);
    vk.addComment(OWNER, 1, { id: 14, date: minutesAgo(1), text: 'ещё' });
    await ingest.runner.run(poller, [source]);
    const events = await ingest.events();
    expect(events.map((e) => [e.topic, (e.envelope.payload as { externalId: string }).externalId]).sort()).toEqual(
      [
        [TOPICS.postDeleted, '-100_1_c10'],
        [TOPICS.postReceived, '-100_1_c14'],
      ].sort(),
    );
  });

  it('pages through a long wall with overlapping offsets and records every post once', async () => {
    for (let id = 3; id <= 260; id += 1) vk.addPost(OWNER, { id, date: minutesAgo(400 - id), from_id: 1000 + id, text: `Жалоба номер ${id} про двор` });
    const summary = await ingest.runner.run(poller, [source]);
    expect(summary.outcomes.received).toBe(262);
    expect((await ingest.events()).filter((e) => e.topic === TOPICS.postReceived)).toHaveLength(262);
    expect(vk.calls.filter((c) => c.method === 'wall.get').map((c) => c.params.offset)).toEqual(['0', '95', '190']);
  });

  it('retries 5xx, a cut connection and a truncated body, then succeeds', async () => {
    vk.faults.push({ method: 'wall.get', http: { kind: 'http', status: 502 } }, { method: 'wall.get', http: { kind: 'cut' } }, { method: 'wall.getComments', http: { kind: 'half-json' } });
    expect(await ingest.runner.run(poller, [source])).toMatchObject({ state: 'ok', outcomes: { received: 4 } });
  });

  it('backs off on error 6 and retries', async () => {
    vk.faults.push({ method: 'wall.get', error: 6 }, { method: 'wall.get', error: 6 });
    expect(await ingest.runner.run(poller, [source])).toMatchObject({ state: 'ok', outcomes: { received: 4 } });
    expect(vk.calls.filter((c) => c.method === 'wall.get')).toHaveLength(3);
  });

  it('stays within 3 requests a second per token, so VK never answers error 6', async () => {
    vk.enforceRate = true;
    for (let id = 3; id <= 8; id += 1) vk.addComment(OWNER, 2, { id: 100 + id, date: minutesAgo(10), text: `c${id}` });
    const paced = new VkWallPoller(new VkApiClient({ ...DEFAULT_VK_CLIENT_OPTIONS, baseUrl: vk.baseUrl, retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } }));
    expect(await ingest.runner.run(paced, [source])).toMatchObject({ state: 'ok' });
    expect(vk.calls.length).toBeGreaterThanOrEqual(3);
  });

  it('marks the source failing with the reason when the token is refused (error 5)', async () => {
    const refused = memoryIngest({ VK_TOKEN: 'revoked' });
    const summary = await refused.runner.run(poller, [source]);
    expect(summary.state).toBe('failing');
    expect(await refused.status.get('vk-admin')).toMatchObject({ state: 'failing', lastError: { code: 5, reason: expect.stringContaining('credential refused') } });
    expect(JSON.stringify(await refused.status.get('vk-admin'))).not.toContain('revoked');
  });

  it('marks the source failing when its credential variable is not set', async () => {
    const summary = await memoryIngest({}).runner.run(poller, [source]);
    expect(summary).toMatchObject({ state: 'failing', error: 'credential VK_TOKEN: environment variable is not set' });
  });

  it('skips a closed wall with the reason recorded (error 15)', async () => {
    vk.walledOff.set(OWNER, 15);
    expect(await ingest.runner.run(poller, [source])).toMatchObject({ state: 'skipped', error: expect.stringContaining('error 15') });
  });

  it('skips only the comments of a post whose comments are closed, and records why', async () => {
    vk.faults.push({ method: 'wall.getComments', error: 15 });
    const summary = await ingest.runner.run(poller, [source]);
    expect(summary).toMatchObject({ state: 'ok', skipped: 1, outcomes: { received: 2 } });
    expect((await ingest.status.get('vk-admin'))?.skipped[0]).toMatchObject({ target: 'comments of -100_1', code: 15 });
  });

  it('slows the token down and stops the run on flood control (error 9)', async () => {
    vk.faults.push({ method: 'wall.get', error: 9 });
    expect(await ingest.runner.run(poller, [source])).toMatchObject({ state: 'throttled' });
  });

  it('resumes after a crash mid-run with no gap and no duplicate', async () => {
    for (let id = 3; id <= 120; id += 1) vk.addPost(OWNER, { id, date: minutesAgo(400 - id), from_id: 1000 + id, text: `Жалоба номер ${id} про двор` });
    let writes = 0;
    ingest.posts.beforeWrite = () => {
      writes += 1;
      if (writes === 60) throw new Error('process killed');
    };
    expect((await ingest.runner.run(poller, [source])).state).toBe('error');
    expect(await ingest.checkpoints.load('vk-admin')).toBeUndefined();
    ingest.posts.beforeWrite = () => undefined;
    await ingest.runner.run(poller, [source]);
    const received = (await ingest.events()).filter((e) => e.topic === TOPICS.postReceived);
    const ids = received.map((e) => (e.envelope.payload as { externalId: string }).externalId);
    expect(ids).toHaveLength(122);
    expect(new Set(ids).size).toBe(122);
  });
});
