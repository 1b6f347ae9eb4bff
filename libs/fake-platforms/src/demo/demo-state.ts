import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { FakeOkApi, OkMediaTopic } from '../fake-ok-api';
import type { FakeTelegramApi } from '../fake-telegram-api';
import type { FakeVkApi } from '../fake-vk-api';
import type { FeedPosition } from './demo-feed';

/** Posts kept per wall or group: older ones are long past the pollers' deletion checks. */
const KEEP_PER_WALL = 500;

type VkPost = FakeVkApi['walls'] extends Map<number, (infer P)[]> ? P : never;
type VkProfile = FakeVkApi['profiles'][number];

interface Saved {
  vk: { walls: [number, VkPost[]][]; profiles: VkProfile[] };
  ok: { topics: [string, OkMediaTopic[]][] };
  telegram: { nextUpdateId: number };
  feed?: FeedPosition;
}

/**
 * What the fake platforms hold, kept in a file between runs. Ingest remembers where it stopped
 * reading; a wall that came back empty after a restart would look as if every post on it had
 * been deleted, and an update counter starting again would fall below Telegram's confirmed offset.
 */
export class DemoState {
  constructor(
    private readonly file: string,
    private readonly platforms: { vk: FakeVkApi; ok: FakeOkApi; telegram: FakeTelegramApi },
  ) {}

  /** Puts the saved posts back into the fakes and tells where the feed was; nothing when there is no file yet. */
  restore(): FeedPosition | undefined {
    if (!existsSync(this.file)) return undefined;
    const saved = JSON.parse(readFileSync(this.file, 'utf8')) as Saved;
    for (const [owner, posts] of saved.vk.walls) this.platforms.vk.walls.set(owner, posts);
    this.platforms.vk.profiles.push(...saved.vk.profiles);
    for (const [group, topics] of saved.ok.topics) this.platforms.ok.topics.set(group, topics);
    this.platforms.telegram.nextUpdateId = Math.max(this.platforms.telegram.nextUpdateId, saved.telegram.nextUpdateId);
    return saved.feed;
  }

  async save(feed?: FeedPosition): Promise<void> {
    const { vk, ok, telegram } = this.platforms;
    const saved: Saved = {
      vk: { walls: [...vk.walls].map(([owner, posts]) => [owner, posts.slice(-KEEP_PER_WALL)]), profiles: vk.profiles.slice(-KEEP_PER_WALL * 4) },
      ok: { topics: [...ok.topics].map(([group, topics]) => [group, topics.slice(-KEEP_PER_WALL)]) },
      telegram: { nextUpdateId: telegram.nextUpdateId },
      feed,
    };
    await mkdir(dirname(this.file), { recursive: true });
    await writeFile(`${this.file}.tmp`, JSON.stringify(saved));
    await rename(`${this.file}.tmp`, this.file);
  }
}
