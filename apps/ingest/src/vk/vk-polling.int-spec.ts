import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { TOPICS } from '@otklik/contracts';
import { authHeader, isolateInfra, IsolatedInfra, startTestService, TestService, waitFor } from '@otklik/testing';
import { FakeVkApi } from '@otklik/fake-platforms';
import { AppModule } from '../app.module';
import { configureIngestHttp } from '../http-setup';

const OWNER = -4242;
const minutesAgo = (m: number) => Math.floor(Date.now() / 1000) - m * 60;
const externalId = (m: { json: unknown }) => (m.json as { payload: { externalId: string } }).payload.externalId;

describe('VK polling through the running service, across a restart', () => {
  let infra: IsolatedInfra;
  let vk: FakeVkApi;
  let service: TestService | undefined;

  const start = () => startTestService('ingest', AppModule, { configure: configureIngestHttp });
  const status = async (svc: TestService) =>
    (await (await fetch(`${svc.baseUrl}/v1/sources/vk-int`, { headers: authHeader({ role: 'operator' }) })).json()) as {
      status: { state: string; lastRunAt?: string; counters: Record<string, number> } | null;
      credentialPresent: boolean;
    };

  beforeAll(async () => {
    infra = isolateInfra('ingest-vk');
    vk = await new FakeVkApi().start();
    vk.enforceRate = false;
    vk.tokens.add('vk-int-secret-token');
    for (let id = 1; id <= 30; id += 1) vk.addPost(OWNER, { id, date: minutesAgo(100 - id), from_id: 500 + id, text: `Жалоба ${id}: не работает фонарь у дома ${id * 3}` });
    vk.addComment(OWNER, 30, { id: 900, date: minutesAgo(5), from_id: 77, text: 'И у нас тоже темно' });
    Object.assign(process.env, {
      INGEST_PSEUDONYM_KEY: 'integration-pseudonym-key-0123456789',
      INGEST_POLLING_ENABLED: 'true',
      INGEST_RELAY_IDLE_MS: '50',
      VK_API_URL: vk.baseUrl,
      VK_REQUESTS_PER_SECOND: '50',
      VK_TOKEN_INT: 'vk-int-secret-token',
    });
  });

  afterAll(async () => {
    await service?.close();
    await vk?.stop();
    await infra?.cleanup();
  });

  it('publishes posts and comments, then edits and deletions, and shows the source healthy', async () => {
    service = await start();
    const tap = await service.tap([TOPICS.postReceived, TOPICS.postEdited, TOPICS.postDeleted]);
    const created = await fetch(`${service.baseUrl}/v1/sources`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authHeader({ role: 'admin' }) },
      body: JSON.stringify({ id: 'vk-int', platform: 'vk', kind: 'community', communityId: String(-OWNER), pollIntervalSec: 1, credentialRef: 'VK_TOKEN_INT', agencyId: 'gkh' }),
    });
    expect(created.status).toBe(201);
    await waitFor('31 received events', () => tap.messages.filter((m) => m.topic === TOPICS.postReceived).length >= 31, 60000);
    Object.assign(vk.walls.get(OWNER)?.[29] ?? {}, { text: 'Жалоба 30: не работает фонарь у дома 90, третий день', edited: minutesAgo(0) });
    vk.deletePost(OWNER, 29);
    await tap.waitFor(TOPICS.postEdited, (m) => externalId(m) === `${OWNER}_30`, 30000);
    await tap.waitFor(TOPICS.postDeleted, (m) => externalId(m) === `${OWNER}_29`, 30000);
    const current = service;
    // Counters are written once a second; wait for the flush that holds the deletion.
    const view = await waitFor('counters flushed', async () => {
      const s = await status(current);
      return (s.status?.counters.deleted ?? 0) >= 1 ? s : undefined;
    });
    expect(view).toMatchObject({ credentialPresent: true, status: { state: 'ok', counters: { received: 31, edited: 1, deleted: 1 } } });
    expect(JSON.stringify(view)).not.toContain('vk-int-secret-token');
  });

  it('resumes after a restart from its checkpoint: the new post once, nothing re-published', async () => {
    await service?.close();
    service = undefined;
    vk.addPost(OWNER, { id: 31, date: minutesAgo(0), from_id: 531, text: 'Жалоба 31: яма на въезде во двор' });
    service = await start();
    const tap = await service.tap([TOPICS.postReceived, TOPICS.postEdited, TOPICS.postDeleted]);
    await tap.waitFor(TOPICS.postReceived, (m) => externalId(m) === `${OWNER}_31`, 60000);
    const current = service;
    const restartedAt = Date.now();
    // Two complete runs after the restart: anything they would re-publish would be on the tap by now.
    await waitFor(
      'two runs after the restart',
      async () => {
        const s = await status(current);
        return s.status?.lastRunAt !== undefined && Date.parse(s.status.lastRunAt) > restartedAt + 1500 && s.status.state === 'ok';
      },
      60000,
    );
    const posts = current.app.get<Connection>(getConnectionToken()).collection('posts');
    await waitFor('outbox drained', async () => (await posts.countDocuments({ pendingSince: { $ne: null } })) === 0);
    const ids = tap.messages.map((m) => `${m.topic}:${externalId(m)}`);
    expect(ids.length).toBe(new Set(ids).size);
    expect(ids.filter((id) => id.startsWith(TOPICS.postReceived))).toHaveLength(32);
  });
});
