import { TOPICS } from '@otklik/contracts';
import { memoryIngest } from '../testing/recorder-fixture';
import type { SourceDirectory } from '../sources/source-directory';
import type { SourceConfig } from '../sources/source.model';
import { IntakeService, IntakeValidationError } from './intake.service';

const intakeSource: SourceConfig = {
  id: 'tools',
  platform: 'intake',
  kind: 'intake',
  name: 'Мониторинг СМИ',
  agencyId: 'cur',
  territoryCode: '38000000',
  pollIntervalSec: 0,
  queries: [],
  enabled: true,
};
const directory: SourceDirectory = {
  byId: async (id) => (id === 'tools' ? intakeSource : id === 'off' ? { ...intakeSource, id: 'off', enabled: false } : undefined),
  byCommunity: async () => undefined,
  byCredential: async () => [],
};
const post = (i: number, extra: object = {}) => ({
  sourceId: 'tools',
  externalId: `m-${i}`,
  author: { id: `a${i}` },
  text: `Сообщение ${i}: прорвало трубу на улице ${i}`,
  createdAt: '2024-05-01T10:00:00Z',
  ...extra,
});

async function issues(service: IntakeService, body: unknown): Promise<string[]> {
  try {
    await service.validate(body);
  } catch (error) {
    if (error instanceof IntakeValidationError) return error.issues;
    throw error;
  }
  return [];
}

describe('IntakeService', () => {
  const setup = () => {
    const ingest = memoryIngest();
    return { ingest, service: new IntakeService(ingest.recorder, directory) };
  };

  it("records one post with the source's agency and territory", async () => {
    const { ingest, service } = setup();
    const results = await service.record(await service.validate(post(1, { geo: { lat: 51.7, lon: 36.2 } })));
    expect(results).toEqual([expect.objectContaining({ externalId: 'm-1', outcome: 'received' })]);
    expect((await ingest.events())[0].envelope.payload).toMatchObject({
      platform: 'intake',
      community: { id: 'tools', agencyId: 'cur', territoryCode: '38000000' },
      geo: { lat: 51.7, lon: 36.2 },
    });
  });

  it('names the bad field and its index, and takes nothing of an invalid batch', async () => {
    const { ingest, service } = setup();
    const batch = [post(1), post(2, { createdAt: 'yesterday' }), post(3, { author: {} }), post(4, { geo: { lat: 200, lon: 0 } }), post(5, { extra: 1 })];
    const found = await issues(service, batch);
    expect(new Set(found.map((issue) => issue.split(': ')[0]))).toEqual(new Set(['[1].createdAt', '[2].author.id', '[3].geo.lat', '[4].extra']));
    expect(found).toContain('[1].createdAt: createdAt must be a valid ISO 8601 date string');
    expect(found).toContain('[4].extra: property extra should not exist');
    expect(await ingest.events()).toHaveLength(0);
  });

  it('names an unknown or disabled source, an empty body and a batch over 1,000', async () => {
    const { service } = setup();
    expect(await issues(service, post(1, { sourceId: 'nope' }))).toEqual(['sourceId: no source nope']);
    expect(await issues(service, [post(1, { sourceId: 'off' })])).toEqual(['[0].sourceId: source off is disabled']);
    expect(await issues(service, [])).toEqual(['body: at least one post is needed']);
    expect(await issues(service, 'text')).toEqual(['body: must be a JSON object']);
    expect(
      await issues(
        service,
        Array.from({ length: 1001 }, (_, i) => post(i)),
      ),
    ).toEqual(['body: at most 1000 posts per request, got 1001']);
  });

  it('records a batch of 1,000 once, and a resend of it emits nothing', async () => {
    const { ingest, service } = setup();
    const batch = Array.from({ length: 1000 }, (_, i) => post(i, { text: `Обращение ${i}: ${'слово'.repeat(i % 7)} двор ${i * 7919}` }));
    const first = await service.record(await service.validate(batch));
    expect(first.filter((r) => r.outcome === 'received')).toHaveLength(1000);
    const again = await service.record(await service.validate(batch));
    expect(again.every((r) => r.outcome === 'unchanged')).toBe(true);
    expect((await ingest.events()).filter((e) => e.topic === TOPICS.postReceived)).toHaveLength(1000);
  });

  it('marks a post without a regime as a social-network post, and keeps a named regime across an edit', async () => {
    const { ingest, service } = setup();
    await service.record(await service.validate([post(1), post(2, { regime: 'pos_message' })]));
    await service.record(await service.validate(post(2, { text: 'Дополнение: прорвало трубу на улице 2, дом 4', regime: 'appeal_59fz' })));
    const regimes = (await ingest.events()).map((e) => [e.topic, (e.envelope.payload as { regime?: string }).regime]);
    expect(regimes).toEqual([
      [TOPICS.postReceived, 'social_post'],
      [TOPICS.postReceived, 'pos_message'],
      [TOPICS.postEdited, 'pos_message'],
    ]);
  });

  it('refuses a regime outside the list, naming the field', async () => {
    const { service } = setup();
    expect(await issues(service, post(1, { regime: 'email' }))).toEqual([expect.stringMatching(/^regime: regime must be one of the following values: social_post, pos_message, appeal_59fz$/)]);
  });

  it('records a post and its edit sent in one batch in that order', async () => {
    const { service } = setup();
    const results = await service.record(await service.validate([post(1), post(1, { text: 'Исправлено: прорвало трубу на улице 1, дом 5' })]));
    expect(results.map((r) => r.outcome)).toEqual(['received', 'edited']);
  });
});
