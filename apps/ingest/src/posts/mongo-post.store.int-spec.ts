import mongoose, { Connection } from 'mongoose';
import { randomBytes } from 'node:crypto';
import { DEFAULT_NEAR_DUPLICATE_OPTIONS, NearDuplicateService } from '../dedup/near-duplicate.service';
import { RecentPostsIndex } from '../dedup/recent-posts.index';
import { Pseudonymiser } from '../normalisation/pseudonymiser';
import { SpamFilterService } from '../spam/spam-filter.service';
import { MemoryRawPayloadStore } from '../testing/memory-stores';
import { postDraft, TEST_PSEUDONYM_KEY } from '../testing/recorder-fixture';
import { MongoPostStore } from './mongo-post.store';
import { PostRecorderService } from './post-recorder.service';

/** The relay's view of the posts' outboxes on the real database: what a sweep finds and what clearing leaves. */
describe('MongoPostStore as the outbox relay store (real database)', () => {
  let connection: Connection;
  let clock = new Date('2024-05-01T12:00:00Z');
  const now = () => clock;
  let store: MongoPostStore;
  let recorder: PostRecorderService;

  beforeAll(async () => {
    const uri = process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/?maxPoolSize=10';
    connection = await mongoose.createConnection(uri, { dbName: `otklik_test_posts_${randomBytes(4).toString('hex')}` }).asPromise();
    store = new MongoPostStore(connection, now);
    await store.init();
    const recent = new RecentPostsIndex(DEFAULT_NEAR_DUPLICATE_OPTIONS.windowMs, now);
    recorder = new PostRecorderService({
      posts: store,
      raw: new MemoryRawPayloadStore(),
      now,
      recent,
      pseudonymiser: new Pseudonymiser(TEST_PSEUDONYM_KEY),
      duplicates: new NearDuplicateService(recent),
      spam: new SpamFilterService(recent),
    });
  });

  afterAll(async () => {
    await connection?.dropDatabase();
    await connection?.close();
  });

  const draft = (n: number, text: string) => postDraft({ externalId: `-100_${n}`, url: `https://vk.com/wall-100_${n}`, text, raw: { id: n } });
  const holders = async () => (await store.pending(50)).map((p) => p.holder).sort();

  it('finds what was left unpublished at its first sweep, then through the marks of later writes, and nothing once cleared', async () => {
    await recorder.recordNewPosts([draft(1, 'Во дворе дома 5 по улице Ленина третью неделю не вывозят мусор'), draft(2, 'На перекрёстке у школы не работает светофор второй день')]);
    // A store of a new process: its first sweep reads every post.
    const restarted = new MongoPostStore(connection, now);
    const left = await restarted.pending(50);
    expect(left.map((p) => p.events.length)).toEqual([1, 1]);
    await restarted.markPublished(left);
    expect(await restarted.pending(50)).toEqual([]);

    // Later writes are found by their marks once they are 5 s old (their writer hands them over first).
    await recorder.recordNewPosts([draft(3, 'Яма на дороге у остановки на проспекте Мира, машины бьют колёса')]);
    expect(await restarted.pending(50)).toEqual([]);
    clock = new Date(clock.getTime() + 10_000);
    const marked = await restarted.pending(50);
    expect(marked.map((p) => p.events.map((e) => e.topic))).toEqual([['otklik.post.received.v1']]);
    await restarted.markPublished(marked);
    expect(await restarted.pending(50)).toEqual([]);
    // Read whole, as after a restart: nothing left behind.
    expect(await holders()).toEqual([]);
  });
  it("answers pollers' reconciliation from the live-posts index: a source's live posts by day, a thread's live replies, after a restart too", async () => {
    const at = (iso: string) => new Date(iso);
    const post = (externalId: string, createdAt: string, over: Partial<ReturnType<typeof postDraft>> = {}) =>
      postDraft({
        sourceId: 'vk-live',
        externalId,
        url: `https://vk.com/wall${externalId}`,
        text: `Не горит фонарь у дома ${externalId} уже неделю`,
        createdAt: at(createdAt),
        raw: { id: externalId },
        ...over,
      });
    await recorder.recordNewPosts([post('-7_1', '2024-04-28T10:00:00Z'), post('-7_2', '2024-04-30T23:59:00Z'), post('-7_3', '2024-05-01T08:00:00Z')]);
    await recorder.recordNewPosts([post('-7_1_c1', '2024-04-29T10:00:00Z', { replyTo: '-7_1', threadId: '-7_1' }), post('-7_1_c2', '2024-04-29T11:00:00Z', { replyTo: '-7_1', threadId: '-7_1' })]);
    // The intake's posts are never reconciled against a listing: nothing is kept for them.
    await recorder.recordNewPosts([postDraft({ platform: 'intake', sourceId: 'intake-live', externalId: 'm-1', createdAt: at('2024-05-01T08:00:00Z') })]);
    expect(await connection.collection('live_posts').countDocuments({ _id: `s|intake-live|${Math.floor(at('2024-05-01T08:00:00Z').getTime() / 86_400_000)}` } as never)).toBe(0);
    await recorder.record({ kind: 'deleted', deletion: { platform: 'vk', externalId: '-7_2', sourceId: 'vk-live', deletedAt: at('2024-05-01T09:00:00Z') } });
    await recorder.record({ kind: 'deleted', deletion: { platform: 'vk', externalId: '-7_1_c1', sourceId: 'vk-live', deletedAt: at('2024-05-01T09:00:00Z') } });

    const answers = async (known: MongoPostStore) => [
      (await known.livePosts('vk-live', at('2024-04-28T00:00:00Z'), at('2024-05-01T12:00:00Z'))).sort(),
      (await known.livePosts('vk-live', at('2024-04-28T10:00:01Z'), at('2024-05-01T12:00:00Z'))).sort(),
      await known.liveReplies('-7_1'),
    ];
    expect(await answers(store)).toEqual([['-7_1', '-7_3'], ['-7_3'], ['-7_1_c2']]);
    // A database from before the index: the first start indexes what it holds.
    await connection.collection('live_posts').deleteMany({});
    const restarted = new MongoPostStore(connection, now);
    await restarted.init();
    expect(await answers(restarted)).toEqual([['-7_1', '-7_3'], ['-7_3'], ['-7_1_c2']]);
  });
});
