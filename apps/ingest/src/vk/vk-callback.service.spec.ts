import { TOPICS } from '@otklik/contracts';
import { memoryIngest } from '../testing/recorder-fixture';
import { CredentialResolver } from '../sources/credentials';
import type { SourceDirectory } from '../sources/source-directory';
import type { SourceConfig } from '../sources/source.model';
import { VkCallbackService } from './vk-callback.service';

const source: SourceConfig = {
  id: 'vk-admin',
  platform: 'vk',
  kind: 'community',
  communityId: '100',
  pollIntervalSec: 60,
  queries: [],
  credentialRef: 'VK_TOKEN',
  callbackConfirmation: 'a1b2c3',
  callbackSecretRef: 'VK_CALLBACK_SECRET',
  enabled: true,
};
const directory: SourceDirectory = {
  byCommunity: async (platform, id) => (platform === 'vk' && id === '100' ? source : undefined),
  byId: async (id) => (id === source.id ? source : undefined),
  byCredential: async () => [source],
};
const date = Math.floor(Date.parse('2024-05-01T10:00:00Z') / 1000);
const comment = { id: 10, from_id: 7, date, text: 'Когда отремонтируют подъезд?', post_id: 1, post_owner_id: -100 };

describe('VkCallbackService', () => {
  const setup = () => {
    const ingest = memoryIngest();
    const service = new VkCallbackService(directory, new CredentialResolver({ VK_CALLBACK_SECRET: 's3cret' }), ingest.recorder);
    return { ingest, service };
  };

  it('answers the confirmation request with the configured string', async () => {
    expect(await setup().service.handle({ type: 'confirmation', group_id: 100, secret: 's3cret' })).toEqual({ status: 200, body: 'a1b2c3' });
  });

  it('refuses a wrong or missing secret, and an unknown community', async () => {
    const { service } = setup();
    expect((await service.handle({ type: 'wall_reply_new', group_id: 100, secret: 'nope', object: comment })).status).toBe(403);
    expect((await service.handle({ type: 'wall_reply_new', group_id: 100, object: comment })).status).toBe(403);
    expect((await service.handle({ type: 'wall_reply_new', group_id: 5, secret: 's3cret', object: comment })).status).toBe(404);
  });

  it('names the bad field of a malformed event', async () => {
    const { service } = setup();
    expect(await service.handle({ type: 'wall_reply_new', group_id: '100' })).toEqual({ status: 400, body: 'group_id: must be a number' });
    expect(await service.handle({ type: 'wall_reply_new', group_id: 100, secret: 's3cret', object: { id: 1 } })).toEqual({ status: 400, body: 'object: not a valid wall_reply_new object' });
  });

  it('records new, edited, deleted and restored comments and a new post, each once', async () => {
    const { ingest, service } = setup();
    const send = (type: string, object: object) => service.handle({ type, group_id: 100, secret: 's3cret', event_id: 'e', object });
    await send('wall_post_new', { id: 1, owner_id: -100, from_id: -100, date, text: 'Плановое отключение воды' });
    expect(await send('wall_reply_new', comment)).toMatchObject({ status: 200, body: 'ok', result: { outcome: 'received' } });
    expect((await send('wall_reply_new', comment)).result?.outcome).toBe('unchanged');
    expect((await send('wall_reply_edit', { ...comment, text: 'Когда отремонтируют подъезд дома 3?' })).result?.outcome).toBe('edited');
    expect((await send('wall_reply_delete', { owner_id: -100, id: 10, post_id: 1, deleter_id: 7 })).result?.outcome).toBe('deleted');
    expect((await send('wall_reply_restore', comment)).result?.outcome).toBe('restored');
    expect((await send('group_join', { user_id: 1 })).body).toBe('ok');
    const events = await ingest.events();
    expect(events.map((e) => e.topic)).toEqual([TOPICS.postReceived, TOPICS.postReceived, TOPICS.postEdited, TOPICS.postDeleted, TOPICS.postEdited]);
    expect(events[1].envelope.payload).toMatchObject({ externalId: '-100_1_c10', replyTo: '-100_1', threadId: '-100_1' });
  });
});
