import { FakeOkApi } from '../fake-ok-api';
import { FakeTelegramApi } from '../fake-telegram-api';
import { FakeVkApi } from '../fake-vk-api';
import { addressLine, DemoPost } from './demo-posts';
import { DemoSource, sourceFor } from './demo-sources';

/** The channels a demo post comes in through, in the order the feed takes turns. */
export const DEMO_CHANNELS = ['vk', 'telegram', 'ok', 'open311'] as const;
export type DemoChannel = (typeof DEMO_CHANNELS)[number];

/** Sends a complaint through desk's Open311 API; resolves false when desk refused it. */
export type Open311Sender = (post: DemoPost) => Promise<boolean>;

/** How far the feed has got: the next post and channel to take. */
export interface FeedPosition {
  post: number;
  channel: number;
}

/** What the feed did with one post. */
export interface FedPost {
  channel: DemoChannel;
  source?: DemoSource;
  post: DemoPost;
  accepted: boolean;
}

/** The post's text with its address line, unless the text already names the address. */
export function withAddress(post: DemoPost): string {
  const line = addressLine(post);
  return line && post.address && !post.text.includes(post.address) ? `${post.text}\n${line}` : post.text;
}

/** 2026-01-01T00:00:00Z in Unix seconds: ids counted from it stay small and grow with time. */
const EPOCH_2026 = 1_767_225_600;

const FIRST_NAMES = ['Анна', 'Сергей', 'Ольга', 'Дмитрий', 'Елена', 'Игорь', 'Марина', 'Алексей', 'Татьяна', 'Николай', 'Ирина', 'Павел'];
const LAST_NAMES = ['Смирнова', 'Кузнецов', 'Попова', 'Соколов', 'Лебедева', 'Козлов', 'Новикова', 'Морозов', 'Волкова', 'Фёдоров', 'Павлова', 'Егоров'];

/**
 * A steady trickle of citizen posts into the fake platforms: each `next()` takes the next complaint
 * and the next channel in turn (VK wall post, Telegram chat message, OK group topic, Open311
 * request), each from a different author so that no flood filter holds them back.
 */
export class DemoFeed {
  private postIndex = 0;
  private channelIndex = 0;
  private serial = 0;
  private lastTelegramMessage = 0;

  constructor(
    private readonly posts: DemoPost[],
    private readonly platforms: { vk: FakeVkApi; ok: FakeOkApi; telegram: FakeTelegramApi },
    private readonly open311?: Open311Sender,
    private readonly clock: () => Date = () => new Date(),
  ) {
    if (posts.length === 0) throw new Error('the demo feed needs at least one post');
  }

  /** Where the feed is in its posts and channels; a restart goes on from there. */
  get position(): FeedPosition {
    return { post: this.postIndex, channel: this.channelIndex };
  }

  set position(position: FeedPosition) {
    this.postIndex = position.post;
    this.channelIndex = position.channel;
  }

  /** Posts the next complaint on the next channel (Open311 is skipped when there is no sender). */
  async next(): Promise<FedPost> {
    const post = this.posts[this.postIndex++ % this.posts.length] as DemoPost;
    let channel = DEMO_CHANNELS[this.channelIndex++ % DEMO_CHANNELS.length] as DemoChannel;
    if (channel === 'open311' && !this.open311) channel = 'vk';
    const serial = ++this.serial;
    if (channel === 'open311' && this.open311) return { channel, post, accepted: await this.open311(post) };
    const source = sourceFor(channel as 'vk' | 'ok' | 'telegram', post.district);
    const text = withAddress(post);
    if (channel === 'vk') this.toVk(source, text, post, serial);
    else if (channel === 'ok') this.toOk(source, text, serial);
    else this.toTelegram(source, text, serial);
    return { channel, source, post, accepted: true };
  }

  private author(serial: number): { id: number; first: string; last: string } {
    // Distinct authors for a long time: the flood filter holds back >5 posts of one author in 10 min.
    const id = 700_000 + ((Math.floor(this.clock().getTime() / 1000) * 7 + serial * 13) % 90_000);
    return { id, first: FIRST_NAMES[serial % FIRST_NAMES.length] ?? 'Анна', last: LAST_NAMES[(serial * 5) % LAST_NAMES.length] ?? 'Смирнова' };
  }

  private toVk(source: DemoSource, text: string, post: DemoPost, serial: number): void {
    const ownerId = -Number(source.communityId);
    const author = this.author(serial);
    const date = Math.floor(this.clock().getTime() / 1000);
    // Ids grow across restarts (the wall poller's checkpoint is the newest id it has seen).
    const id = Math.max(date - EPOCH_2026, ...(this.platforms.vk.walls.get(ownerId) ?? []).map((p) => (p.id ?? 0) + 1));
    if (!this.platforms.vk.profiles.some((p) => p.id === author.id)) {
      this.platforms.vk.profiles.push({ id: author.id, first_name: author.first, last_name: author.last } as FakeVkApi['profiles'][number]);
    }
    this.platforms.vk.addPost(ownerId, {
      id,
      date,
      from_id: author.id,
      text,
      ...(post.geo ? { geo: { type: 'point', coordinates: `${post.geo[0]} ${post.geo[1]}` } } : {}),
    } as Parameters<FakeVkApi['addPost']>[1]);
  }

  private toOk(source: DemoSource, text: string, serial: number): void {
    const author = this.author(serial);
    this.platforms.ok.addTopic(source.communityId ?? '', {
      id: `${this.clock().getTime()}${serial}`,
      created_ms: this.clock().getTime(),
      author_ref: `user:${author.id}`,
      owner_ref: `group:${source.communityId}`,
      media: [{ type: 'text', text }],
    });
  }

  private toTelegram(source: DemoSource, text: string, serial: number): void {
    const author = this.author(serial);
    this.lastTelegramMessage = Math.max(Math.floor(this.clock().getTime() / 1000) - EPOCH_2026, this.lastTelegramMessage + 1);
    this.platforms.telegram.push({
      message: {
        message_id: this.lastTelegramMessage,
        date: Math.floor(this.clock().getTime() / 1000),
        text,
        chat: { id: Number(source.communityId), type: 'supergroup', title: source.name },
        from: { id: author.id, is_bot: false, first_name: author.first, last_name: author.last },
      },
    } as Parameters<FakeTelegramApi['push']>[0]);
  }
}
