import { chooseCategory } from '../classifier/classifier';
import { scoreTask } from '../evaluation/metrics';

/**
 * A scored text: its gold category, the model's probability for each category (in `categories`
 * order) and the indexes of the categories a topic rule raised (their weights do not apply below 1).
 */
export interface CategorySample {
  readonly gold: string;
  readonly probabilities: Float64Array;
  readonly ruled: readonly number[];
}

/** Multipliers tried for each category's probability: only down, to take back what training's class weights gave the rare categories. */
export const CATEGORY_WEIGHT_GRID: readonly number[] = [0.2, 0.3, 0.5, 0.7, 1];

/** Category macro-F1 (over gold labels) of the decisions `weights` make on `samples`. */
export function weightedMacroF1(samples: readonly CategorySample[], categories: readonly string[], weights: Float64Array): number {
  const gold: string[] = [];
  const predicted: string[] = [];
  for (const sample of samples) {
    gold.push(sample.gold);
    predicted.push(categories[chooseCategory(sample.probabilities, weights, sample.ruled)]);
  }
  return scoreTask(gold, predicted).macroF1;
}

/**
 * Category weights that raise macro-F1 on `samples` (decisions on texts the models never saw):
 * coordinate ascent over `CATEGORY_WEIGHT_GRID`, one category at a time, from all weights 1. Only
 * categories that occur among the samples' gold labels are weighed (the others may be another
 * source's, whose texts are not among the samples), and a weight moves only for a strictly better score.
 * Training weighs rare topics up to be learnt at all; on new data that over-predicts them, and a
 * weight below 1 takes the excess back.
 */
export function fitCategoryWeights(samples: readonly CategorySample[], categories: readonly string[], passes = 2): { weights: Record<string, number>; macroF1: number } {
  const weights = new Float64Array(categories.length).fill(1);
  const present = new Set(samples.map((sample) => sample.gold));
  let score = weightedMacroF1(samples, categories, weights);
  for (let pass = 0; pass < passes; pass++) {
    let moved = false;
    for (let c = 0; c < categories.length; c++) {
      if (!present.has(categories[c])) continue;
      const kept = weights[c];
      let bestWeight = kept;
      for (const candidate of CATEGORY_WEIGHT_GRID) {
        weights[c] = candidate;
        const candidateScore = weightedMacroF1(samples, categories, weights);
        if (candidateScore > score + 1e-12) {
          score = candidateScore;
          bestWeight = candidate;
        }
      }
      weights[c] = bestWeight;
      moved ||= bestWeight !== kept;
    }
    if (!moved) break;
  }
  const fitted: Record<string, number> = {};
  categories.forEach((category, c) => {
    if (weights[c] !== 1) fitted[category] = weights[c];
  });
  return { weights: fitted, macroF1: score };
}
