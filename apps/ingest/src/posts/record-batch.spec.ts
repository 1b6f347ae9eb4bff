import { memoryRecorder, postDraft } from '../testing/recorder-fixture';
import type { Observation } from './post.model';
import { recordAll } from './record-batch';

const post = (externalId: string, text = `Во дворе дома ${externalId} по улице Ленина третью неделю не вывозят мусор`): Observation => ({
  kind: 'post',
  draft: postDraft({ externalId, text, author: { platformId: `author-${externalId}`, isCommunity: false } }),
});

describe('recordAll', () => {
  it('inserts the new posts of a batch with one write', async () => {
    const setup = memoryRecorder();
    const insertMany = jest.spyOn(setup.posts, 'insertMany');
    const results = await recordAll(
      setup.recorder,
      ['1', '2', '3'].map((id) => post(id)),
    );
    expect(results.map((r) => r.outcome)).toEqual(['received', 'received', 'received']);
    expect(insertMany).toHaveBeenCalledTimes(1);
    expect(insertMany.mock.calls[0][0].map((p) => p.externalId)).toEqual(['1', '2', '3']);
    expect(setup.posts.posts.size).toBe(3);
  });

  it('records an edit in the same batch after its post, and a post stored before by the slow path', async () => {
    const setup = memoryRecorder();
    await setup.posts.insert(await storedElsewhere('9'));
    const results = await recordAll(setup.recorder, [post('1'), post('1', 'Во дворе дома 1 опять не вывезли мусор и контейнеры горят'), post('9')]);
    expect(results.map((r) => r.outcome)).toEqual(['received', 'edited', 'unchanged']);
  });
});

/** What a recorder stores for a post: as if another process had recorded it. */
async function storedElsewhere(externalId: string) {
  const other = memoryRecorder();
  await other.recorder.record(post(externalId));
  const stored = await other.posts.findByExternalId('vk', externalId);
  if (!stored) throw new Error('not recorded');
  return stored;
}
