import { seededRandom } from '../model/random';
import { macroF1Interval, scoreTask } from './metrics';

describe('scoreTask', () => {
  it('computes accuracy, per-label scores and macro-F1 over gold labels', () => {
    const report = scoreTask(['a', 'a', 'b', 'b'], ['a', 'b', 'b', 'b']);
    expect(report.accuracy).toBe(0.75);
    const a = report.labels.find((l) => l.label === 'a');
    const b = report.labels.find((l) => l.label === 'b');
    expect(a).toMatchObject({ precision: 1, recall: 0.5 });
    expect(b).toMatchObject({ precision: 2 / 3, recall: 1 });
    expect(report.macroF1).toBeCloseTo((2 / 3 + 0.8) / 2, 10);
  });

  it('counts a predicted-only label as F1 0 in the stricter mean only', () => {
    const report = scoreTask(['a', 'a'], ['a', 'c']);
    expect(report.macroF1).toBeCloseTo(2 / 3, 10);
    expect(report.macroF1WithPredicted).toBeCloseTo(1 / 3, 10);
  });

  it('lists the most frequent confusions first', () => {
    const report = scoreTask(['a', 'a', 'a', 'b'], ['b', 'b', 'a', 'a']);
    expect(report.confusions[0]).toEqual({ gold: 'a', predicted: 'b', count: 2 });
  });

  it('rejects unpaired inputs', () => {
    expect(() => scoreTask(['a'], [])).toThrow(/1 labels, predictions 0/);
  });
});

describe('macroF1Interval', () => {
  it('is a single point when every resample scores alike', () => {
    const labels = ['a', 'b', 'a', 'b'];
    expect(macroF1Interval(labels, labels, seededRandom(1), 200)).toEqual({ low: 1, high: 1, level: 0.95, rounds: 200 });
  });

  it('brackets the figure, and is wider where a class has fewer texts', () => {
    // 1,000 texts; class b has 40 (wide) or 400 (narrow), half of them mistaken for a in both cases.
    const sample = (bs: number) => {
      const gold = [...Array(1000 - bs).fill('a'), ...Array(bs).fill('b')];
      const predicted = gold.map((g, i) => (g === 'b' && i % 2 === 0 ? 'a' : g));
      return { gold, predicted, figure: scoreTask(gold, predicted).macroF1 };
    };
    const few = sample(40);
    const many = sample(400);
    const fewInterval = macroF1Interval(few.gold, few.predicted, seededRandom(3));
    const manyInterval = macroF1Interval(many.gold, many.predicted, seededRandom(3));
    expect(fewInterval.low).toBeLessThan(few.figure);
    expect(fewInterval.high).toBeGreaterThan(few.figure);
    expect(manyInterval.low).toBeLessThan(many.figure);
    expect(manyInterval.high).toBeGreaterThan(many.figure);
    expect(fewInterval.high - fewInterval.low).toBeGreaterThan(2 * (manyInterval.high - manyInterval.low));
  });

  it('gives the same interval for the same seed', () => {
    const gold = ['a', 'a', 'b', 'b', 'c', 'a', 'b'];
    const predicted = ['a', 'b', 'b', 'b', 'a', 'a', 'c'];
    expect(macroF1Interval(gold, predicted, seededRandom(9), 300)).toEqual(macroF1Interval(gold, predicted, seededRandom(9), 300));
  });
});
