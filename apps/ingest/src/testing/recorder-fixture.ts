import { DEFAULT_NEAR_DUPLICATE_OPTIONS, NearDuplicateService } from '../dedup/near-duplicate.service';
import { RecentPostsIndex } from '../dedup/recent-posts.index';
import { Pseudonymiser } from '../normalisation/pseudonymiser';
import type { PostDraft } from '../posts/post.model';
import { PostRecorderService } from '../posts/post-recorder.service';
import { SpamFilterService } from '../spam/spam-filter.service';
import { PollRunnerService } from '../polling/poll-runner.service';
import { CredentialResolver } from '../sources/credentials';
import { postRelay } from './post-relay';
import { MemoryCheckpointStore, MemoryPostStore, MemoryRawPayloadStore, MemorySourceStatusStore, RecordingPublisher } from './memory-stores';

/** A fixed key for specs; production reads it from the environment. */
export const TEST_PSEUDONYM_KEY = 'test-pseudonym-key-0123456789abcdef';

/** A recorder over memory stores, with the stores at hand for assertions. */
export function memoryRecorder(now: () => Date = () => new Date('2024-05-01T12:00:00Z'), counters?: MemorySourceStatusStore) {
  const posts = new MemoryPostStore();
  const raw = new MemoryRawPayloadStore();
  const recent = new RecentPostsIndex(DEFAULT_NEAR_DUPLICATE_OPTIONS.windowMs, now);
  const recorder = new PostRecorderService({
    posts,
    raw,
    now,
    counters,
    recent,
    pseudonymiser: new Pseudonymiser(TEST_PSEUDONYM_KEY),
    duplicates: new NearDuplicateService(recent),
    spam: new SpamFilterService(recent),
  });
  return { posts, raw, recorder, recent };
}

/** A VK-like post draft; fields can be overridden. */
export function postDraft(overrides: Partial<PostDraft> = {}): PostDraft {
  return {
    platform: 'vk',
    externalId: '-100_1',
    sourceId: 'vk-admin',
    url: 'https://vk.com/wall-100_1',
    community: { id: '100', name: 'Администрация', agencyId: 'admin', territoryCode: '40000000' },
    author: { platformId: '555', displayName: 'Иван Петров', isCommunity: false },
    text: 'Во дворе дома 5 по улице Ленина третью неделю не вывозят мусор, контейнеры переполнены',
    createdAt: new Date('2024-05-01T10:00:00Z'),
    attachments: [],
    raw: { id: 1, text: 'raw' },
    ...overrides,
  };
}

/** The recorder plus everything a polling run needs, all in memory. */
export function memoryIngest(env: NodeJS.ProcessEnv = { VK_TOKEN: 'vk-token' }) {
  const status = new MemorySourceStatusStore();
  const base = memoryRecorder(() => new Date(), status);
  const checkpoints = new MemoryCheckpointStore();
  const runner = new PollRunnerService({
    recorder: base.recorder,
    posts: base.posts,
    checkpoints,
    status,
    credentials: new CredentialResolver(env),
  });
  const events = async () => {
    const publisher = new RecordingPublisher();
    await postRelay(base.posts, publisher).drain();
    return publisher.published;
  };
  return { ...base, checkpoints, status, runner, events };
}
