import { TOPICS } from '@otklik/contracts';
import { RecordingPublisher } from '../testing/memory-stores';
import { memoryRecorder, postDraft, TEST_PSEUDONYM_KEY } from '../testing/recorder-fixture';
import { Pseudonymiser } from '../normalisation/pseudonymiser';
import { postRelay } from '../testing/post-relay';
import type { Observation } from './post.model';

const post = (overrides = {}): Observation => ({ kind: 'post', draft: postDraft(overrides) });
const deletion = (externalId = '-100_1'): Observation => ({
  kind: 'deleted',
  deletion: { platform: 'vk', externalId, sourceId: 'vk-admin', deletedAt: new Date('2024-05-01T13:00:00Z') },
});

async function published(setup: ReturnType<typeof memoryRecorder>) {
  const publisher = new RecordingPublisher();
  await postRelay(setup.posts, publisher).drain();
  return publisher.published;
}

describe('PostRecorderService', () => {
  it('records a new post once, pseudonymised and cleaned, with a received event and its raw payload', async () => {
    const setup = memoryRecorder();
    const result = await setup.recorder.record(post({ text: '<b>Нет воды</b> &amp; света 😡' }));
    expect(result.outcome).toBe('received');
    const events = await published(setup);
    expect(events).toHaveLength(1);
    expect(events[0].topic).toBe(TOPICS.postReceived);
    expect(events[0].key).toBe(result.postId);
    expect(events[0].envelope.payload).toMatchObject({
      postId: result.postId,
      externalId: '-100_1',
      text: 'Нет воды & света 😡',
      revision: 1,
      author: { pseudonym: new Pseudonymiser(TEST_PSEUDONYM_KEY).pseudonym('vk', '555'), displayName: 'Иван Петров', isCommunity: false },
      community: { agencyId: 'admin', territoryCode: '40000000' },
    });
    expect(JSON.stringify(events[0].envelope)).not.toContain('"555"');
    expect([...setup.raw.payloads.values()].map((p) => p.id)).toEqual([`${result.postId}:1`]);
  });

  it('does nothing when the same post is polled again', async () => {
    const setup = memoryRecorder();
    await setup.recorder.record(post());
    expect((await setup.recorder.record(post())).outcome).toBe('unchanged');
    expect(await published(setup)).toHaveLength(1);
  });

  it('does not take a re-signed attachment URL for an edit', async () => {
    const setup = memoryRecorder();
    await setup.recorder.record(post({ attachments: [{ type: 'photo', url: 'https://cdn/x.jpg?sig=1', key: 'photo-1_2' }] }));
    const again = await setup.recorder.record(post({ attachments: [{ type: 'photo', url: 'https://cdn/x.jpg?sig=2', key: 'photo-1_2' }] }));
    expect(again.outcome).toBe('unchanged');
  });

  it('publishes an edit as post.edited with the next revision, correlated with the received event', async () => {
    const setup = memoryRecorder();
    await setup.recorder.record(post());
    const edited = await setup.recorder.record(post({ text: 'Мусор вывезли только частично', editedAt: new Date('2024-05-01T11:00:00Z') }));
    expect(edited.outcome).toBe('edited');
    const [received, edit] = await published(setup);
    expect(edit.topic).toBe(TOPICS.postEdited);
    expect(edit.envelope.payload).toMatchObject({ revision: 2, text: 'Мусор вывезли только частично', postId: edited.postId });
    expect(edit.envelope.correlationId).toBe(received.envelope.id);
    expect(edit.envelope.id).not.toBe(received.envelope.id);
  });

  it('publishes a deletion once, and a restore as the next edit', async () => {
    const setup = memoryRecorder();
    await setup.recorder.record(post());
    expect((await setup.recorder.record(deletion())).outcome).toBe('deleted');
    expect((await setup.recorder.record(deletion())).outcome).toBe('unchanged');
    expect((await setup.recorder.record(post())).outcome).toBe('restored');
    const events = await published(setup);
    expect(events.map((e) => e.topic)).toEqual([TOPICS.postReceived, TOPICS.postDeleted, TOPICS.postEdited]);
    expect(events.map((e) => (e.envelope.payload as { revision: number }).revision)).toEqual([1, 2, 3]);
  });

  it('ignores the deletion of a post it never saw', async () => {
    expect((await memoryRecorder().recorder.record(deletion('-100_999'))).outcome).toBe('unknown-deletion');
  });

  it('keeps and counts a spam post without publishing it, and publishes it once an edit cleans it', async () => {
    const setup = memoryRecorder();
    const ad = await setup.recorder.record(post({ text: 'Продам гараж недорого, звоните +7 912 345-67-89' }));
    expect(ad).toMatchObject({ outcome: 'filtered', filterReasons: ['advertising'] });
    expect((await setup.posts.findById(ad.postId ?? ''))?.filterReasons).toEqual(['advertising']);
    expect(await published(setup)).toHaveLength(0);
    expect((await setup.recorder.record(post({ text: 'Гараж во дворе мешает проезду скорой помощи' }))).outcome).toBe('received');
    const events = await published(setup);
    expect(events.map((e) => e.topic)).toEqual([TOPICS.postReceived]);
    expect(events[0].envelope.payload).toMatchObject({ revision: 2 });
  });

  it('links a copy of a complaint from another author and platform to the first post', async () => {
    const setup = memoryRecorder();
    const first = await setup.recorder.record(post());
    const copy = await setup.recorder.record(
      post({
        platform: 'ok',
        externalId: '77_1',
        author: { platformId: '9', isCommunity: false },
        text: 'Репост! Во дворе дома 5 по улице Ленина третью неделю не вывозят мусор, контейнеры переполнены!!! 😡',
        createdAt: new Date('2024-05-01T11:00:00Z'),
      }),
    );
    expect(copy).toMatchObject({ outcome: 'received', duplicateOf: first.postId });
  });

  it('loses nothing and duplicates nothing when it crashes before the write and the poll is replayed', async () => {
    const setup = memoryRecorder();
    setup.posts.beforeWrite = () => {
      throw new Error('crash');
    };
    await expect(setup.recorder.record(post())).rejects.toThrow('crash');
    setup.posts.beforeWrite = () => undefined;
    await setup.recorder.record(post());
    await setup.recorder.record(post());
    expect(await published(setup)).toHaveLength(1);
  });

  it('republishes with the same event id when the relay crashes after publishing', async () => {
    const setup = memoryRecorder();
    await setup.recorder.record(post());
    const publisher = new RecordingPublisher();
    const markPublished = setup.posts.markPublished.bind(setup.posts);
    let crashed = false;
    setup.posts.markPublished = async () => {
      crashed = true;
      throw new Error('crash after publish');
    };
    const relay = postRelay(setup.posts, publisher);
    await relay.sweep();
    expect(await relay.publishBatch()).toBe(1);
    while (!crashed) await new Promise((resolve) => setImmediate(resolve));
    setup.posts.markPublished = markPublished;
    await postRelay(setup.posts, publisher).drain();
    expect(publisher.published).toHaveLength(2);
    expect(new Set(publisher.published.map((e) => e.envelope.id)).size).toBe(1);
  });

  it('keeps events when the broker is down and publishes them in order later', async () => {
    const setup = memoryRecorder();
    await setup.recorder.record(post());
    await setup.recorder.record(post({ text: 'Мусор так и не вывезли, прошла ещё неделя' }));
    const publisher = new RecordingPublisher();
    publisher.failNext = true;
    const relay = postRelay(setup.posts, publisher);
    await relay.sweep();
    await expect(relay.publishBatch()).rejects.toThrow('broker unavailable');
    expect(await relay.drain()).toBe(2);
    expect(publisher.published.map((e) => e.topic)).toEqual([TOPICS.postReceived, TOPICS.postEdited]);
  });

  it('keeps publishing what the recorder queues while a sweep of the database is under way, and does not publish it twice', async () => {
    const setup = memoryRecorder();
    await setup.recorder.record(post());
    const queued = await setup.posts.pending(10);
    const pending = setup.posts.pending.bind(setup.posts);
    let finishSweep: () => void = () => undefined;
    const sweepStarted = new Promise<void>((started) => {
      setup.posts.pending = async (limit) => {
        const found = await pending(limit);
        started();
        await new Promise<void>((resolve) => (finishSweep = resolve));
        return found;
      };
    });
    const publisher = new RecordingPublisher();
    const relay = postRelay(setup.posts, publisher);
    // The queue is empty: the relay starts a sweep and does not wait for it.
    expect(await relay.publishBatch()).toBe(0);
    await sweepStarted;
    relay.offer(queued);
    expect(await relay.publishBatch()).toBe(1);
    // The sweep read the post before it was published; it must not come round again.
    finishSweep();
    await relay.sweep();
    expect(await relay.publishBatch()).toBe(0);
    await relay.settled();
    expect(publisher.published).toHaveLength(1);
  });

  it('records a post seen by two connectors at once exactly once', async () => {
    const setup = memoryRecorder();
    const results = await Promise.all([setup.recorder.record(post()), setup.recorder.record(post({ sourceId: 'vk-search' }))]);
    expect(results.map((r) => r.outcome).sort()).toEqual(['received', 'unchanged']);
    expect(await published(setup)).toHaveLength(1);
  });

  it('gives the same post and event ids when the same post is recorded in another process', async () => {
    const a = memoryRecorder();
    const b = memoryRecorder();
    const [ra, rb] = [await a.recorder.record(post()), await b.recorder.record(post())];
    expect(ra.postId).toBe(rb.postId);
    expect((await published(a))[0].envelope.id).toBe((await published(b))[0].envelope.id);
  });

  it('does not count a post against its own author when its batch is written again after a failed write', async () => {
    const setup = memoryRecorder();
    const draft = (i: number) => postDraft({ externalId: `-100_${i}`, text: `Жалоба ${i}: во дворе дома ${i} по улице Ленина не вывозят мусор`, createdAt: new Date(`2024-05-01T10:0${i}:00Z`) });
    // Four posts of one author; a fifth is still allowed (the sixth would be flood).
    for (let i = 1; i <= 4; i += 1) await setup.recorder.record({ kind: 'post', draft: draft(i) });
    setup.posts.beforeWrite = () => {
      throw new Error('connection lost');
    };
    await expect(setup.recorder.recordNewPosts([draft(5)])).rejects.toThrow('connection lost');
    setup.posts.beforeWrite = () => undefined;
    const [again] = await setup.recorder.recordNewPosts([draft(5)]);
    expect(again).toMatchObject({ outcome: 'received' });
  });
});
