import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeOkApi } from '../fake-ok-api';
import { FakeTelegramApi } from '../fake-telegram-api';
import { FakeVkApi } from '../fake-vk-api';
import { DemoFeed, withAddress } from './demo-feed';
import { DemoPost, samplePostList } from './demo-posts';
import { DEMO_SOURCES } from './demo-sources';
import { DemoState } from './demo-state';

const md5 = (text: string): string => createHash('md5').update(text).digest('hex');

async function form(url: string, params: Record<string, string>): Promise<unknown> {
  const response = await fetch(url, { method: 'POST', body: new URLSearchParams(params) });
  return response.json();
}

describe('the demo feed', () => {
  let platforms: { vk: FakeVkApi; ok: FakeOkApi; telegram: FakeTelegramApi };
  const open311: DemoPost[] = [];

  beforeEach(async () => {
    platforms = { vk: await new FakeVkApi().start(), ok: await new FakeOkApi().start(), telegram: await new FakeTelegramApi().start() };
    open311.length = 0;
  });

  afterEach(async () => {
    await Promise.all([platforms.vk.stop(), platforms.ok.stop(), platforms.telegram.stop()]);
  });

  it('posts complaints in turn as a VK wall post, a Telegram message, an OK topic and an Open311 request, readable through the platform APIs', async () => {
    const posts = samplePostList();
    const feed = new DemoFeed(posts, platforms, async (post) => (open311.push(post), true));
    const fed = [await feed.next(), await feed.next(), await feed.next(), await feed.next()];
    expect(fed.map((f) => f.channel)).toEqual(['vk', 'telegram', 'ok', 'open311']);

    const vkSource = fed[0]?.source;
    const wall = (await form(`${platforms.vk.baseUrl}/method/wall.get`, { owner_id: `-${vkSource?.communityId}`, count: '20', extended: '1', access_token: 'vk-token', v: '5.199' })) as {
      response: { items: { text: string; from_id: number }[]; profiles: { id: number }[] };
    };
    expect(wall.response.items.map((p) => p.text)).toEqual([withAddress(posts[0] as DemoPost)]);
    expect(wall.response.profiles.map((p) => p.id)).toEqual([wall.response.items[0]?.from_id]);

    const updates = (await form(`${platforms.telegram.baseUrl}/bot123:bot-token/getUpdates`, { timeout: '0' })) as { result: { message: { text: string; chat: { id: number } } }[] };
    expect(updates.result.map((u) => [u.message.text, String(u.message.chat.id)])).toEqual([[withAddress(posts[1] as DemoPost), fed[1]?.source?.communityId]]);

    const okParams = { application_key: platforms.ok.applicationKey, method: 'mediatopic.getTopics', gid: fed[2]?.source?.communityId ?? '', count: '20' };
    const signed = Object.keys(okParams)
      .sort()
      .map((k) => `${k}=${okParams[k as keyof typeof okParams]}`)
      .join('');
    const topics = (await form(`${platforms.ok.baseUrl}/fb.do`, { ...okParams, access_token: 'ok-token', sig: md5(signed + md5('ok-token' + platforms.ok.applicationSecret)) })) as {
      media_topics: { media: { text: string }[]; author_ref: string }[];
    };
    expect(topics.media_topics.map((t) => t.media[0]?.text)).toEqual([withAddress(posts[2] as DemoPost)]);
    expect(topics.media_topics[0]?.author_ref).toMatch(/^user:\d+$/);

    expect(open311.map((p) => p.text)).toEqual([posts[3]?.text]);
  });

  it('adds the address with its district to a post, as a resident of a city-wide chat would', () => {
    const post = samplePostList().find((p) => p.district === 'nevsky') as DemoPost;
    expect(withAddress(post)).toBe(`${post.text}\nАдрес: Невский район, ${post.address}.`);
  });

  it("puts a post on its own district's community when there is one", async () => {
    const nevsky = samplePostList().find((p) => p.district === 'nevsky') as DemoPost;
    const fed = await new DemoFeed([nevsky], platforms).next();
    expect(fed.source?.id).toBe(DEMO_SOURCES.find((s) => s.territoryCode === '40:nevsky')?.id);
  });

  it('keeps the walls and its place across a restart: the next post is a new one with a higher id', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'demo-state-'));
    try {
      const nevsky = samplePostList().filter((p) => p.district === 'nevsky');
      const before = new DemoFeed(nevsky, platforms);
      await before.next();
      await new DemoState(join(dir, 'platforms.json'), platforms).save(before.position);
      const ownerId = -Number(DEMO_SOURCES[0]?.communityId);
      const first = platforms.vk.walls.get(ownerId)?.[0];

      const again = { vk: new FakeVkApi(), ok: new FakeOkApi(), telegram: new FakeTelegramApi() };
      const after = new DemoFeed(nevsky, again);
      after.position = new DemoState(join(dir, 'platforms.json'), again).restore() ?? { post: 0, channel: 0 };
      const next = [await after.next(), await after.next(), await after.next()];
      expect(next.map((f) => [f.channel, f.post])).toEqual([
        ['telegram', nevsky[1]],
        ['ok', nevsky[2]],
        ['vk', nevsky[3]],
      ]);
      const wall = again.vk.walls.get(ownerId) ?? [];
      expect(wall[0]).toEqual(first);
      expect(wall[1]?.id).toBeGreaterThan(first?.id ?? Infinity);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
