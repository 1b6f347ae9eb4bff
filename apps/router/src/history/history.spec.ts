import { AgencyDirectory } from '../agencies/agency-directory';
import { TerritoryDirectory } from '../territories/territory-directory';
import { TINY_AGENCIES, TINY_TERRITORIES, tinyHistory } from '../testing/fixtures';
import { HistoryModel } from './history-model';
import { HistorySuggester } from './history-suggester';
import { resolveTarget, targetOf, topicPathOf } from './history-targets';
import { SpbAppealFormatError, toSpbAppeal } from './spb-appeals.reader';

const directory = new AgencyDirectory(TINY_AGENCIES, new TerritoryDirectory(TINY_TERRITORIES));
const NEVSKY = ['40:nevsky', '40000000'];
const TSENTR = ['40:tsentralny', '40000000'];

describe('history model', () => {
  it('gives the observed shares where evidence is plentiful', () => {
    const { targets, evidence } = tinyHistory().distribution(topicPathOf('landscaping.snow_ice'), NEVSKY);
    expect(targets).toEqual([
      { target: 'kind:housing_agency', probability: 0.8 },
      { target: 'agency:ckb', probability: 0.2 },
    ]);
    expect(evidence).toEqual({ topicKey: 'topic:landscaping.snow_ice', territoryCode: '40:nevsky', count: 10 });
  });

  it('shrinks a thin cell towards its parent', () => {
    const obs = [
      ...Array.from({ length: 90 }, () => ({ topicPath: ['cat:x'], territoryPath: NEVSKY, target: 'agency:a' })),
      ...Array.from({ length: 10 }, () => ({ topicPath: ['cat:x'], territoryPath: TSENTR, target: 'agency:b' })),
    ];
    const model = HistoryModel.train(obs, { description: 't', appeals: 100 }, 10);
    // Region: a 0.9 / b 0.1; Центральный has 10 b: (10 + 10·0.1) / 20 = 0.55 for b.
    const [top] = model.distribution(['cat:x'], TSENTR).targets;
    expect(top.target).toBe('agency:b');
    expect(top.probability).toBeCloseTo(0.55, 10);
  });

  it('knows nothing of an unseen topic', () => {
    expect(tinyHistory().distribution(topicPathOf('roads.surface'), NEVSKY)).toEqual({ targets: [] });
  });

  it('survives serialisation and refuses a malformed artifact naming the problem', () => {
    const model = tinyHistory();
    const copy = HistoryModel.fromData(JSON.parse(JSON.stringify(model.data)));
    expect(copy.distribution(topicPathOf('landscaping.snow_ice'), NEVSKY)).toEqual(model.distribution(topicPathOf('landscaping.snow_ice'), NEVSKY));
    expect(() => HistoryModel.fromData({ version: 2 })).toThrow('history model: version must be 1');
    expect(() => HistoryModel.fromData({ version: 1, smoothing: 1, source: { description: 'x', appeals: 0 } })).toThrow('counts missing');
  });
});

describe('history targets', () => {
  it("turns a district's own housing agency into a role and a city body into itself", () => {
    expect(targetOf('ЖА Невского района', '40:nevsky', directory)).toBe('kind:housing_agency');
    expect(targetOf('Центр комплексного благоустройства', '40:nevsky', directory)).toBe('agency:ckb');
    expect(targetOf('ЖА Невского района', '40:tsentralny', directory)).toBe('agency:zha-nevsky');
    expect(targetOf('Неизвестное ООО', '40:nevsky', directory)).toBe('name:Неизвестное ООО');
  });

  it('resolves a role on the asking territory', () => {
    expect(resolveTarget('kind:housing_agency', '40:tsentralny', directory)?.id).toBe('zha-tsentralny');
    expect(resolveTarget('agency:ckb', '40:tsentralny', directory)?.id).toBe('ckb');
    expect(resolveTarget('name:Неизвестное ООО', '40:tsentralny', directory)).toBeUndefined();
  });

  it('builds topic paths coarse to fine', () => {
    expect(topicPathOf('housing.heating', ['spb:Содержание МКД / X'])).toEqual(['cat:housing', 'topic:housing.heating', 'spb:Содержание МКД / X']);
    expect(topicPathOf('housing')).toEqual(['cat:housing']);
  });
});

describe('history suggester', () => {
  it('carries what one district taught over to another through roles, with an explanation', () => {
    const [top, second] = new HistorySuggester(tinyHistory(), directory).suggest({ topicPath: topicPathOf('landscaping.snow_ice'), territoryCode: '40:tsentralny' });
    expect(top.agency.id).toBe('zha-tsentralny');
    expect(top.probability).toBeCloseTo(0.8, 10);
    expect(top.explanation).toBe('история: на 80 % похожих обращений (Уборка снега и наледи × г Санкт-Петербург; 10 обращ.) ответило ЖА Центрального района');
    expect(second.agency.id).toBe('ckb');
  });
});

describe('SPb appeal reader', () => {
  const line = {
    id: 7,
    submitted_at: '2021-02-01T10:00:00.5',
    category: 'Благоустройство',
    reason: 'Неубранный снег',
    district: 'Невский',
    municipality: 'муниципальный округ  Рыбацкое',
    text: 'снег',
    responsible_org: null,
    answers: [{ author_org: 'Администрация Невского района', kind: 'interim' }],
    reroutes: [{}, {}],
  };

  it('reads Moscow-time timestamps, the final and the last answerer', () => {
    const appeal = toSpbAppeal(line, 1);
    expect(appeal.submittedAt.toISOString()).toBe('2021-02-01T07:00:00.500Z');
    expect(appeal.finalAnswerOrg).toBeUndefined();
    expect(appeal.lastAnswerOrg).toBe('Администрация Невского района');
    expect(appeal.municipality).toBe('муниципальный округ Рыбацкое');
    expect(appeal.rerouteCount).toBe(2);
  });

  it('names the line and field of a broken record', () => {
    expect(() => toSpbAppeal({ ...line, district: '' }, 12)).toThrow(new SpbAppealFormatError(12, 'district: missing'));
    expect(() => toSpbAppeal({ ...line, submitted_at: 'вчера' }, 3)).toThrow('line 3: submitted_at: missing or not a date');
  });
});
