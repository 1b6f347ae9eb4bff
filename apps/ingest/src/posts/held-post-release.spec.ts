import { TOPICS } from '@otklik/contracts';
import { RecordingPublisher } from '../testing/memory-stores';
import { memoryRecorder, postDraft } from '../testing/recorder-fixture';
import { postRelay } from '../testing/post-relay';
import { HeldPostNotFoundError, HeldPostReleaseService, PostNotHeldError } from './held-post-release.service';

const RELEASED_AT = new Date('2024-05-01T12:30:00Z');

/** Six posts by one author within minutes: the sixth is held back as flood. */
async function floodedSetup() {
  const setup = memoryRecorder();
  const results = [];
  for (let i = 1; i <= 6; i += 1) {
    results.push(
      await setup.recorder.record({
        kind: 'post',
        draft: postDraft({
          externalId: `-100_${i}`,
          text: `Жалоба ${i}: во дворе дома ${i} по улице Ленина не вывозят мусор`,
          createdAt: new Date(`2024-05-01T10:0${i}:00Z`),
        }),
      }),
    );
  }
  const held = results[5];
  if (held?.outcome !== 'filtered' || !held.postId) throw new Error(`the sixth post was not held: ${JSON.stringify(held)}`);
  const releases = new HeldPostReleaseService(setup.posts, setup.recorder, () => RELEASED_AT);
  const publisher = new RecordingPublisher();
  const relay = postRelay(setup.posts, publisher);
  return { ...setup, heldId: held.postId, releases, publisher, relay };
}

describe('releasing a held post', () => {
  it('publishes its post.received at the next revision and keeps who released it and why it was held', async () => {
    const world = await floodedSetup();
    await world.relay.drain();
    expect(world.publisher.published.filter((e) => e.key === world.heldId)).toEqual([]);

    const released = await world.releases.release(world.heldId, 'operator-7');
    await world.relay.drain();

    const events = world.publisher.published.filter((e) => e.key === world.heldId);
    expect(events.map((e) => [e.topic, (e.envelope.payload as { revision?: number }).revision])).toEqual([[TOPICS.postReceived, 2]]);
    expect(released).toMatchObject({ emitted: true, filterReasons: [], revision: 2, release: { by: 'operator-7', at: RELEASED_AT, reasons: ['flood'] } });
    expect(released.receivedEventId).toBe(events[0]?.envelope.id);
  });

  it('refuses a post that is not held, and one that does not exist', async () => {
    const world = await floodedSetup();
    await world.releases.release(world.heldId, 'operator-7');
    await expect(world.releases.release(world.heldId, 'operator-7')).rejects.toThrow(PostNotHeldError);
    const published = (await world.posts.findByExternalId('vk', '-100_1'))?.postId ?? '';
    await expect(world.releases.release(published, 'operator-7')).rejects.toThrow('is not held back: it was published');
    await expect(world.releases.release('no-such-post', 'operator-7')).rejects.toThrow(HeldPostNotFoundError);
  });

  it('refuses a held post whose text and author retention has erased', async () => {
    const world = await floodedSetup();
    const held = await world.posts.findById(world.heldId);
    if (!held) throw new Error('held post not stored');
    await world.posts.replace({ ...held, revision: held.revision + 1, erasedAt: new Date('2025-05-02T00:00:00Z') }, held.revision);
    await expect(world.releases.release(world.heldId, 'operator-7')).rejects.toThrow('is not held back: its text and author were erased past retention');
  });

  it('treats a later edit of a released post as an edit, not as flood again', async () => {
    const world = await floodedSetup();
    await world.releases.release(world.heldId, 'operator-7');
    const edit = await world.recorder.record({
      kind: 'post',
      draft: postDraft({
        externalId: '-100_6',
        text: 'Жалоба 6: мусор во дворе дома 6 так и не вывезли',
        createdAt: new Date('2024-05-01T10:06:00Z'),
      }),
    });
    expect(edit.outcome).toBe('edited');
    await world.relay.drain();
    expect(world.publisher.published.filter((e) => e.key === world.heldId).map((e) => e.topic)).toEqual([TOPICS.postReceived, TOPICS.postEdited]);
  });
});
