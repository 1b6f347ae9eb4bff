import { scoreTask } from './metrics';

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
