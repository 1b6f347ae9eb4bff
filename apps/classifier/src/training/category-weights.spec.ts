import { fitCategoryWeights, weightedMacroF1, type CategorySample } from './category-weights';

const CATEGORIES = ['housing', 'transport', 'healthcare'];
const sample = (gold: string, ...probabilities: number[]): CategorySample => ({ gold, probabilities: Float64Array.from(probabilities), ruled: [] });

// Ten housing texts, two of them drawn to transport by 0.55 against 0.45; two transport texts at 0.6 and above.
const SAMPLES: CategorySample[] = [
  ...Array.from({ length: 8 }, () => sample('housing', 0.9, 0.1, 0)),
  sample('housing', 0.45, 0.55, 0),
  sample('housing', 0.45, 0.55, 0),
  sample('transport', 0.4, 0.6, 0),
  sample('transport', 0.2, 0.8, 0),
];

describe('category weights', () => {
  it('scores plain argmax decisions with weights of one', () => {
    // housing: 8 of 10 found, 8 predicted → F1 0.889; transport: 2 of 2 found among 4 predicted → F1 0.667.
    expect(weightedMacroF1(SAMPLES, CATEGORIES, Float64Array.from([1, 1, 1]))).toBeCloseTo((16 / 18 + 4 / 6) / 2, 6);
  });

  it('lowers an over-predicted category until its false alarms go, keeping its own texts', () => {
    const fitted = fitCategoryWeights(SAMPLES, CATEGORIES);
    // 0.55 w < 0.45 and 0.6 w > 0.4 → w in (0.667, 0.818): 0.7 is the grid's only such weight.
    expect(fitted.weights).toEqual({ transport: 0.7 });
    expect(fitted.macroF1).toBeCloseTo(1, 6);
  });

  it('does not apply a weight below one to a category a topic rule raised', () => {
    const weights = Float64Array.from([1, 0.2, 1]);
    const plain = [sample('housing', 0.9, 0.1, 0), sample('transport', 0.4, 0.6, 0)];
    const ruled = [plain[0], { ...plain[1], ruled: [1] }];
    // Weighed down, the transport text goes to housing (F1 0.667 and 0); raised by a rule, it stays.
    expect(weightedMacroF1(plain, CATEGORIES, weights)).toBeCloseTo(1 / 3, 6);
    expect(weightedMacroF1(ruled, CATEGORIES, weights)).toBeCloseTo(1, 6);
  });

  it('leaves a category without gold texts at weight one', () => {
    const samples = [sample('housing', 0.4, 0.1, 0.5), sample('housing', 0.9, 0.05, 0.05)];
    expect(fitCategoryWeights(samples, CATEGORIES).weights).not.toHaveProperty('healthcare');
  });
});
