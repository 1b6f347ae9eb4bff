import type { LabelledText } from '../datasets/labelled-text';
import type { SplitPlan } from '../datasets/split';
import { timeBlockedFolds } from './time-folds';
import { smallTrainConfig } from '../testing/train-config';

const CONFIG = smallTrainConfig('test-folds');

const PHRASES: [string, string][] = [
  ['landscaping.snow_ice', 'во дворе не убран снег, сугробы и наледь'],
  ['waste.containers', 'переполнены мусорные контейнеры, мусор не вывозят'],
  ['housing.lifts', 'не работает лифт в подъезде, застревает'],
];

/** Three appeals a day from 2020-10-01 to 2020-12-31, one of each topic. */
function appeals(): LabelledText[] {
  const texts: LabelledText[] = [];
  for (let day = 0; day < 92; day++) {
    const date = new Date(Date.UTC(2020, 9, 1 + day)).toISOString().slice(0, 19);
    PHRASES.forEach(([topic, text], i) =>
      texts.push({ source: 'spb', id: `${day}-${i}`, text: `${text} (${day})`, submittedAt: date, topicCode: topic, category: topic.split('.')[0], sourceLabels: {} }),
    );
  }
  return texts;
}

describe('time-blocked folds', () => {
  const plan: SplitPlan = { spb: { calibrationFrom: '2020-12-03', heldOutFrom: '2020-12-17' }, kursk: { calibrationFromId: 1, heldOutFromId: 2 } };
  const report = timeBlockedFolds(appeals(), plan, CONFIG, 2, 14);

  it('scores consecutive windows that end where the calibration part begins', () => {
    expect(report.folds.map((f) => [f.from, f.to])).toEqual([
      ['2020-11-05', '2020-11-19'],
      ['2020-11-19', '2020-12-03'],
    ]);
    expect(report.folds.map((f) => f.category.examples)).toEqual([42, 42]);
  });

  it('pools the windows and fits category weights on them', () => {
    expect(report.pooled.category.examples).toBe(84);
    expect(report.pooled.category.accuracy).toBe(1);
    expect(report.fittedCategoryWeights).toEqual({ weights: {}, macroF1: 1 });
  });
});
