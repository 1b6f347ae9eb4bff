import { cliOptions } from './cli-options';
import type { LabelledText } from './labelled-text';
import { partOf, planSplit } from './split';

const text = (source: LabelledText['source'], id: string, submittedAt?: string): LabelledText => ({ source, id, text: 'x', topic: 'waste.litter', category: 'waste', sourceLabels: {}, ...(submittedAt ? { submittedAt } : {}) });

describe('cliOptions', () => {
  it('reads both --name value and --name=value', () => {
    expect(cliOptions(['--data', 'a.csv', '--part=all', '--verbose'])).toEqual({ data: 'a.csv', part: 'all', verbose: 'true' });
  });
});

describe('split', () => {
  const texts = [
    text('spb', '1', '2021-01-01T10:00:00'),
    text('spb', '2', '2021-01-20T10:00:00'),
    text('spb', '3', '2021-02-10T10:00:00'),
    text('spb', '4', '2021-02-28T23:00:00'),
    ...Array.from({ length: 10 }, (_, i) => text('kursk', String(100 + i))),
  ];
  const plan = planSplit(texts, { spbHeldOutDays: 28, spbCalibrationDays: 14, kurskHeldOutShare: 0.2, kurskCalibrationShare: 0.1 });

  it('holds out the latest SPb weeks and calibrates on the weeks before them', () => {
    expect(plan.spb).toEqual({ heldOutFrom: '2021-01-31', calibrationFrom: '2021-01-17' });
    expect(texts.slice(0, 4).map((t) => partOf(t, plan))).toEqual(['train', 'calibration', 'heldOut', 'heldOut']);
  });

  it('holds out the highest Kursk ids', () => {
    const parts = texts.slice(4).map((t) => partOf(t, plan));
    expect(parts).toEqual([...Array(7).fill('train'), 'calibration', 'heldOut', 'heldOut']);
  });

  it('always trains on operator corrections', () => {
    expect(partOf(text('correction', 'c1'), plan)).toBe('train');
  });
});
