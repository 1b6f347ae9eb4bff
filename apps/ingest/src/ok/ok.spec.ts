import { TOPICS } from '@otklik/contracts';
import { FakeOkApi } from '@otklik/fake-platforms';
import { memoryIngest } from '../testing/recorder-fixture';
import type { SourceConfig } from '../sources/source.model';
import { DEFAULT_OK_CLIENT_OPTIONS, OkApiClient } from './ok-api.client';
import { okCommentDate } from './ok.mapper';
import { OkFeedPoller } from './ok.poller';
import { okSignature } from './ok-signature';

const source: SourceConfig = {
  id: 'ok-admin',
  platform: 'ok',
  kind: 'community',
  communityId: '5500',
  name: 'Администрация района',
  agencyId: 'admin',
  pollIntervalSec: 120,
  queries: [],
  credentialRef: 'OK_TOKEN',
  enabled: true,
};
const env = { OK_TOKEN: 'ok-token', OK_TOKEN_APP_KEY: 'CBAPUBLICKEY', OK_TOKEN_APP_SECRET: 'app-secret' };
const ago = (minutes: number) => Date.now() - minutes * 60_000;

describe('okSignature', () => {
  it('signs sorted name=value pairs with md5(token + secret), leaving the token out', () => {
    // md5('application_key=Kformat=jsonmethod=users.getCurrentUser' + md5('tokensecret')), computed independently
    expect(okSignature({ method: 'users.getCurrentUser', format: 'json', application_key: 'K', access_token: 'token' }, 'token', 'secret')).toBe('7d4f9f95ada29380a7f6839e338430fe');
    expect(okSignature({ b: '2', a: '1' }, 't', 's')).toBe(okSignature({ a: '1', b: '2', sig: 'x', session_key: 'y' }, 't', 's'));
    expect(okSignature({ a: '1' }, 't', 's')).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('OkFeedPoller against a local OK API', () => {
  let ok: FakeOkApi;
  beforeEach(async () => {
    ok = await new FakeOkApi().start();
    ok.addTopic('5500', { id: '901', created_ms: ago(60), author_ref: 'group:5500', media: [{ type: 'text', text: 'График вывоза мусора' }] });
    ok.addTopic('5500', {
      id: '902',
      created_ms: ago(30),
      author_ref: 'user:77',
      media: [
        { type: 'text', text: 'Не горят фонари на ул. Гагарина' },
        { type: 'photo', photo_refs: ['group_photo:1'] },
      ],
    });
    ok.addComment('901', { id: 'c1', text: 'Во вторник опять не приехали', date_ms: ago(20), author_id: '88', author_name: 'Пётр' });
    ok.addComment('901', { id: 'c2', text: 'Подтверждаю', date: '2024-05-01 12:00:00', author_id: '89', reply_to_comment_id: 'c1' });
  });
  afterEach(() => ok.stop());

  const poller = () =>
    new OkFeedPoller(
      new OkApiClient({
        ...DEFAULT_OK_CLIENT_OPTIONS,
        baseUrl: ok.baseUrl,
        requestsPerSecond: 1000,
        retry: { attempts: 4, baseDelayMs: 5, maxDelayMs: 20 },
      }),
      { pageSize: 1, editWindowMs: 3 * 86400_000, backfillMs: 7 * 86400_000, maxPages: 50 },
    );

  it('reads topics by anchor and their comments with signed requests', async () => {
    const ingest = memoryIngest(env);
    expect((await ingest.runner.run(poller(), [source])).outcomes).toEqual({ received: 4 });
    const payloads = (await ingest.events()).map((e) => e.envelope.payload as Record<string, unknown>);
    expect(payloads.find((p) => p.externalId === '5500_902')).toMatchObject({
      url: 'https://ok.ru/group/5500/topic/902',
      text: 'Не горят фонари на ул. Гагарина',
      author: { isCommunity: false },
      attachments: [{ type: 'photo', url: 'https://ok.ru/group/5500/topic/902' }],
    });
    expect(payloads.find((p) => p.externalId === '5500_901_cc2')).toMatchObject({ replyTo: '5500_901_cc1', threadId: '5500_901', createdAt: '2024-05-01T09:00:00.000Z' });
    expect(ok.calls.filter((c) => c.method === 'mediatopic.getTopics').map((c) => c.anchor)).toEqual([undefined, '1']);
  });

  it('emits nothing on a re-poll, then an edit and a confirmed deletion', async () => {
    const ingest = memoryIngest(env);
    await ingest.runner.run(poller(), [source]);
    await ingest.events();
    expect((await ingest.runner.run(poller(), [source])).outcomes).toEqual({ unchanged: 2 });
    const topics = ok.topics.get('5500') ?? [];
    topics[1].media = [{ type: 'text', text: 'Не горят фонари на ул. Гагарина, дом 10' }];
    ok.topics.set(
      '5500',
      topics.filter((t) => t.id !== '901'),
    );
    await ingest.runner.run(poller(), [source]);
    expect((await ingest.events()).map((e) => [e.topic, (e.envelope.payload as { externalId: string }).externalId])).toEqual([
      [TOPICS.postEdited, '5500_902'],
      [TOPICS.postDeleted, '5500_901'],
    ]);
  });

  it("fails the source on a refused token or signature, and retries OK's service errors and 5xx", async () => {
    expect(await memoryIngest({ ...env, OK_TOKEN_APP_SECRET: 'wrong' }).runner.run(poller(), [source])).toMatchObject({ state: 'failing', error: expect.stringContaining('error 104') });
    expect(await memoryIngest({ ...env, OK_TOKEN: 'expired' }).runner.run(poller(), [source])).toMatchObject({ state: 'failing' });
    ok.faults.push(
      { method: 'mediatopic.getTopics', error: 2 },
      { method: 'mediatopic.getTopics', http: { kind: 'http', status: 503 } },
      { method: 'discussions.getComments', http: { kind: 'half-json' } },
    );
    expect(await memoryIngest(env).runner.run(poller(), [source])).toMatchObject({ state: 'ok', outcomes: { received: 4 } });
  });

  it('slows down on flood errors and skips comments it may not read', async () => {
    ok.faults.push({ method: 'mediatopic.getTopics', error: 8 });
    expect((await memoryIngest(env).runner.run(poller(), [source])).state).toBe('throttled');
    ok.faults.push({ method: 'discussions.getComments', error: 10 });
    expect(await memoryIngest(env).runner.run(poller(), [source])).toMatchObject({ state: 'ok', skipped: 1 });
  });

  it('reads zone-less comment dates in Moscow time and prefers date_ms', () => {
    expect(okCommentDate({ id: 'x', date: '2024-01-31 23:30:00' })?.toISOString()).toBe('2024-01-31T20:30:00.000Z');
    expect(okCommentDate({ id: 'x', date: 'garbage' })).toBeUndefined();
    expect(okCommentDate({ id: 'x', date: '2024-01-31 23:30:00', date_ms: 0 })?.getTime()).toBe(0);
  });
});
