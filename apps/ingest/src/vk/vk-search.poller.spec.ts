import { TOPICS } from '@otklik/contracts';
import { FakeVkApi } from '@otklik/fake-platforms';
import { memoryIngest } from '../testing/recorder-fixture';
import type { SourceConfig } from '../sources/source.model';
import { DEFAULT_VK_CLIENT_OPTIONS, VkApiClient } from './vk-api.client';
import { VkSearchPoller } from './vk-search.poller';

const source: SourceConfig = {
  id: 'vk-search-kursk',
  platform: 'vk',
  kind: 'search',
  territoryCode: '38701000',
  pollIntervalSec: 300,
  queries: ['нет воды', 'яма'],
  credentialRef: 'VK_TOKEN',
  enabled: true,
};

describe('VkSearchPoller against a local VK API', () => {
  let vk: FakeVkApi;
  const now = Math.floor(Date.now() / 1000);

  beforeEach(async () => {
    vk = await new FakeVkApi().start();
    vk.enforceRate = false;
    for (let i = 0; i < 25; i += 1) vk.addPost(1000 + i, { id: 1, date: now - 3600 + i * 60, from_id: 1000 + i, text: `Опять нет воды в доме ${i}, третий день` });
    vk.addPost(-5, { id: 9, date: now - 600, from_id: 77, text: 'Яма на дороге и нет воды в колонке' });
    vk.addPost(-5, { id: 10, date: now - 500, from_id: 78, text: 'Хорошая погода' });
  });

  afterEach(() => vk.stop());

  const poller = () =>
    new VkSearchPoller(new VkApiClient({ ...DEFAULT_VK_CLIENT_OPTIONS, baseUrl: vk.baseUrl, requestsPerSecond: 1000, retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 } }), {
      pageSize: 10,
      maxPagesPerQuery: 10,
      overlapMs: 15 * 60_000,
      backfillMs: 86400_000,
    });

  it('pages each query with next_from and records a post found by two queries once', async () => {
    const ingest = memoryIngest();
    const summary = await ingest.runner.run(poller(), [source]);
    expect(summary.outcomes).toEqual({ received: 26, unchanged: 1 });
    const searches = vk.calls.filter((c) => c.method === 'newsfeed.search');
    expect(searches.filter((c) => c.params.q === 'нет воды').map((c) => c.params.start_from)).toEqual([undefined, '10', '20']);
    const events = await ingest.events();
    expect(events.every((e) => e.topic === TOPICS.postReceived)).toBe(true);
    expect(events[0].envelope.payload).toMatchObject({ community: { territoryCode: '38701000' } });
  });

  it('searches again from the newest post seen minus the overlap, and emits only what is new', async () => {
    const ingest = memoryIngest();
    await ingest.runner.run(poller(), [source]);
    await ingest.events();
    const checkpoint = (await ingest.checkpoints.load(source.id)) as { startTime: Record<string, number> };
    expect(checkpoint.startTime['нет воды']).toBe(now - 600 - 900);
    vk.addPost(-5, { id: 11, date: now - 10, from_id: 79, text: 'Снова нет воды на Садовой' });
    vk.calls.length = 0;
    await ingest.runner.run(poller(), [source]);
    expect(vk.calls.find((c) => c.params.q === 'нет воды')?.params.start_time).toBe(String(now - 1500));
    expect((await ingest.events()).map((e) => (e.envelope.payload as { externalId: string }).externalId)).toEqual(['-5_11']);
  });
});
