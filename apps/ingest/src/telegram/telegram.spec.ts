import type { Message, Update } from '@grammyjs/types';
import { TOPICS } from '@otklik/contracts';
import { FakeTelegramApi } from '@otklik/fake-platforms';
import { MemoryCheckpointStore } from '../testing/memory-stores';
import { memoryIngest } from '../testing/recorder-fixture';
import { CredentialResolver } from '../sources/credentials';
import type { SourceDirectory } from '../sources/source-directory';
import type { SourceConfig } from '../sources/source.model';
import { DEFAULT_TELEGRAM_CLIENT_OPTIONS, TelegramApiClient } from './telegram-api.client';
import { TelegramPoller } from './telegram.poller';
import { TelegramWebhookService } from './telegram-webhook.service';

const CHANNEL = { id: -1001111, type: 'channel' as const, title: 'Администрация города', username: 'city_admin' };
const GROUP = { id: -1002222, type: 'supergroup' as const, title: 'Обсуждение' };
const source: SourceConfig = {
  id: 'tg-admin',
  platform: 'telegram',
  kind: 'community',
  communityId: '@city_admin',
  discussionGroupId: String(GROUP.id),
  agencyId: 'admin',
  pollIntervalSec: 0,
  queries: [],
  credentialRef: 'TG_BOT',
  callbackSecretRef: 'TG_SECRET',
  enabled: true,
};
const env = { TG_BOT: '123:bot-token', TG_SECRET: 'hook-secret' };
const date = Math.floor(Date.parse('2024-05-01T10:00:00Z') / 1000);
const user = { id: 42, is_bot: false, first_name: 'Ольга', last_name: 'К.' };

const channelPost = (id: number, text: string): Omit<Update, 'update_id'> => ({
  channel_post: { message_id: id, date, chat: CHANNEL, sender_chat: CHANNEL, text } as Message & Update.Channel,
});
const forwardToGroup = (groupId: number, channelPostId: number): Omit<Update, 'update_id'> => ({
  message: {
    message_id: groupId,
    date,
    chat: GROUP,
    from: { id: 777000, is_bot: false, first_name: 'Telegram' },
    sender_chat: CHANNEL,
    is_automatic_forward: true,
    forward_origin: { type: 'channel', date, chat: CHANNEL, message_id: channelPostId },
    text: 'copy',
  } as Message & Update.NonChannel,
});
const comment = (id: number, threadRoot: number, replyTo: number, text: string): Omit<Update, 'update_id'> => ({
  message: {
    message_id: id,
    date,
    chat: GROUP,
    from: user,
    message_thread_id: threadRoot,
    text,
    reply_to_message: { message_id: replyTo, date, chat: GROUP } as Message,
    location: { latitude: 55.75, longitude: 37.61 },
  } as Message & Update.NonChannel,
});

describe('Telegram connector against a local Bot API', () => {
  let api: FakeTelegramApi;
  beforeEach(async () => {
    api = await new FakeTelegramApi().start();
  });
  afterEach(() => api.stop());

  const poller = (longPollSec = 0) =>
    new TelegramPoller(
      new TelegramApiClient({
        ...DEFAULT_TELEGRAM_CLIENT_OPTIONS,
        baseUrl: api.baseUrl,
        retry: { attempts: 4, baseDelayMs: 5, maxDelayMs: 20 },
      }),
      longPollSec,
    );

  it('records channel posts and discussion comments linked to the channel post, then confirms them', async () => {
    const ingest = memoryIngest(env);
    api.push(channelPost(5, 'Плановое отключение отопления'));
    api.push(forwardToGroup(70, 5));
    api.push(comment(71, 70, 70, 'А у нас уже неделю холодно!'));
    api.push(comment(72, 70, 71, 'Поддерживаю, дом 8'));
    expect((await ingest.runner.run(poller(), [source])).outcomes).toEqual({ received: 3 });
    const payloads = new Map(
      (await ingest.events()).map((e) => {
        const payload = e.envelope.payload as Record<string, unknown>;
        return [payload.externalId, payload];
      }),
    );
    expect(payloads.get('-1001111_5')).toMatchObject({ url: 'https://t.me/city_admin/5', author: { isCommunity: true } });
    expect(payloads.get('-1002222_71')).toMatchObject({
      threadId: '-1001111_5',
      replyTo: '-1001111_5',
      url: 'https://t.me/c/2222/71',
      author: { displayName: 'Ольга К.', isCommunity: false },
      geo: { lat: 55.75, lon: 37.61 },
    });
    expect(payloads.get('-1002222_72')).toMatchObject({ threadId: '-1001111_5', replyTo: '-1002222_71' });
    await ingest.runner.run(poller(), [source]);
    expect(api.pending).toEqual([]);
  });

  it('turns edited_channel_post and edited_message into edits', async () => {
    const ingest = memoryIngest(env);
    api.push(channelPost(5, 'Отключение воды до 18:00'));
    await ingest.runner.run(poller(), [source]);
    api.push({ edited_channel_post: { message_id: 5, date, edit_date: date + 60, chat: CHANNEL, text: 'Отключение воды до 20:00' } as Message & Update.Edited & Update.Channel });
    expect((await ingest.runner.run(poller(), [source])).outcomes).toEqual({ edited: 1 });
    api.push(forwardToGroup(70, 5));
    api.push(comment(71, 70, 70, 'Почему так долго?'));
    await ingest.runner.run(poller(), [source]);
    api.push({ edited_message: { ...(comment(71, 70, 70, 'Почему так долго? Дом 3').message as Message), edit_date: date + 90 } as Message & Update.Edited & Update.NonChannel });
    expect((await ingest.runner.run(poller(), [source])).outcomes).toEqual({ edited: 1 });
    expect((await ingest.events()).map((e) => e.topic)).toEqual([TOPICS.postReceived, TOPICS.postEdited, TOPICS.postReceived, TOPICS.postEdited]);
  });

  it('does not confirm updates until they are recorded: a crash gets them again, once', async () => {
    const ingest = memoryIngest(env);
    api.push(channelPost(5, 'Первый пост канала о ремонте дорог'));
    api.push(channelPost(6, 'Второй пост канала о ремонте дорог'));
    let writes = 0;
    ingest.posts.beforeWrite = () => {
      if (++writes === 2) throw new Error('killed');
    };
    expect((await ingest.runner.run(poller(), [source])).state).toBe('error');
    ingest.posts.beforeWrite = () => undefined;
    await ingest.runner.run(poller(), [source]);
    expect((await ingest.events()).map((e) => (e.envelope.payload as { externalId: string }).externalId).sort()).toEqual(['-1001111_5', '-1001111_6']);
  });

  it('waits in a long poll and returns as soon as an update arrives', async () => {
    const ingest = memoryIngest(env);
    const run = ingest.runner.run(poller(20), [source]);
    while (api.calls.length === 0) await new Promise((resolve) => setImmediate(resolve));
    api.push(channelPost(9, 'Срочно: авария на теплотрассе'));
    expect((await run).outcomes).toEqual({ received: 1 });
  });

  it('retries 5xx, a cut body and 429 with retry_after', async () => {
    const ingest = memoryIngest(env);
    api.push(channelPost(5, 'Пост'));
    api.faults.push(
      { kind: 'http', status: 502 },
      { kind: 'cut' },
      { kind: 'http', status: 429, body: JSON.stringify({ ok: false, error_code: 429, description: 'Too Many Requests', parameters: { retry_after: 0 } }) },
    );
    expect(await ingest.runner.run(poller(), [source])).toMatchObject({ state: 'ok', outcomes: { received: 1 } });
  });

  it('marks the bot failing on 401 and on 409 with what to do', async () => {
    expect(await memoryIngest({ TG_BOT: '123:revoked' }).runner.run(poller(), [source])).toMatchObject({ state: 'failing', error: expect.stringContaining('401') });
    api.faults.push({ kind: 'json', body: { ok: false, error_code: 409, description: "Conflict: can't use getUpdates method while webhook is active" } });
    expect(await memoryIngest(env).runner.run(poller(), [source])).toMatchObject({ state: 'failing', error: expect.stringContaining('remove the webhook') });
  });
});

describe('TelegramWebhookService', () => {
  const directory: SourceDirectory = {
    byCommunity: async () => source,
    byId: async (id) => (id === source.id ? source : undefined),
    byCredential: async () => [source],
  };

  it('checks the secret token header and records the update', async () => {
    const ingest = memoryIngest(env);
    const hook = new TelegramWebhookService(directory, new CredentialResolver(env), ingest.recorder, new MemoryCheckpointStore());
    const update = { update_id: 1, ...channelPost(5, 'Пост через вебхук') };
    expect((await hook.handle('tg-admin', 'wrong', update)).status).toBe(403);
    expect((await hook.handle('tg-admin', undefined, update)).status).toBe(403);
    expect((await hook.handle('tg-other', 'hook-secret', update)).status).toBe(404);
    expect(await hook.handle('tg-admin', 'hook-secret', { update: 1 })).toEqual({ status: 400, body: 'update_id: must be a number' });
    expect(await hook.handle('tg-admin', 'hook-secret', update)).toMatchObject({ status: 200, result: { outcome: 'received' } });
    expect((await hook.handle('tg-admin', 'hook-secret', update)).result?.outcome).toBe('unchanged');
  });

  it('links a comment to its channel post across webhook calls', async () => {
    const ingest = memoryIngest(env);
    const hook = new TelegramWebhookService(directory, new CredentialResolver(env), ingest.recorder, new MemoryCheckpointStore());
    await hook.handle('tg-admin', 'hook-secret', { update_id: 1, ...forwardToGroup(70, 5) });
    const reply = await hook.handle('tg-admin', 'hook-secret', { update_id: 2, ...comment(71, 70, 70, 'Когда включат?') });
    expect(reply.result?.outcome).toBe('received');
    expect((await ingest.events())[0].envelope.payload).toMatchObject({ threadId: '-1001111_5', replyTo: '-1001111_5' });
  });
});
