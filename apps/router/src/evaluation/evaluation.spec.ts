import { SpbAppeal } from '../history/spb-appeals.reader';
import { SourceLabelMapping } from '@otklik/reference';
import { TINY_AGENCIES, TINY_RULES, TINY_TERRITORIES } from '../testing/fixtures';
import { evaluateRouting } from './routing-evaluation';
import { splitByTime } from './time-split';

function appeal(day: number, reason: string, district: string, org: string | undefined, id = `${day}-${reason}-${district}`): SpbAppeal {
  return {
    id,
    submittedAt: new Date(Date.UTC(2021, 0, day, 9)),
    category: 'Благоустройство',
    reason,
    district,
    text: '',
    finalAnswerOrg: org,
    lastAnswerOrg: org,
    rerouteCount: 0,
  };
}

describe('time split', () => {
  it('validates on the last days and trains on everything earlier', () => {
    const items = [5, 1, 30, 20, 29].map((d) => ({ at: new Date(Date.UTC(2021, 0, d)) }));
    const split = splitByTime(items, (x) => x.at, 2);
    expect(split.train.map((x) => x.at.getUTCDate())).toEqual([1, 5, 20]);
    expect(split.validation.map((x) => x.at.getUTCDate())).toEqual([29, 30]);
  });
});

describe('routing evaluation', () => {
  const topics = new SourceLabelMapping({ spbReasons: { 'Благоустройство / Снег': 'landscaping.snow_ice', 'Благоустройство / Яма': 'roads.surface' }, kurskTopics: {}, kurskCategoryCodes: {} });
  const data = { territories: TINY_TERRITORIES, agencies: TINY_AGENCIES, rules: TINY_RULES };

  it('learns from the earlier weeks and scores the router on the latest against who answered', () => {
    const appeals = [
      ...Array.from({ length: 6 }, (_, i) => appeal(1 + i, 'Снег', 'Невский', 'ЖА Невского района')),
      appeal(8, 'Снег', 'Невский', 'Центр комплексного благоустройства'),
      appeal(30, 'Снег', 'Центральный', 'ЖА Центрального района'),
      appeal(30, 'Снег', 'Невский', 'Центр комплексного благоустройства', 'miss'),
      appeal(31, 'Яма', 'Невский', 'Центр комплексного благоустройства'),
      appeal(31, 'Снег', 'Невский', undefined, 'unanswered'),
    ];
    const result = evaluateRouting(appeals, topics, data, { validationDays: 3, includeInterim: false });
    expect(result.trainAppeals).toBe(7);
    expect(result.skipped.noLabel).toBe(1);
    expect(result.routing).toEqual({ n: 3, correct: 2, accuracy: 2 / 3 });
    expect(result.byMethod.history).toEqual({ n: 2, correct: 1, accuracy: 0.5 });
    expect(result.byMethod.rule).toEqual({ n: 1, correct: 1, accuracy: 1 });
    expect(result.confusions).toEqual([{ expected: 'Центр комплексного благоустройства', got: 'ЖА Невского района', count: 1 }]);
  });
});
