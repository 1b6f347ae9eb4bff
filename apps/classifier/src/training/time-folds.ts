import type { LabelledText } from '../datasets/labelled-text';
import { partOf, shiftDays, type SplitPlan } from '../datasets/split';
import { scoreTask, type TaskReport } from '../evaluation/metrics';
import { evaluateModel } from '../evaluation/model-evaluation';
import { fitCategoryWeights, type CategorySample } from './category-weights';
import { trainModel, type TrainConfig } from './train-model';

/** One scored window: its SPb days and how the model trained on everything before it did there. */
export interface FoldReport {
  readonly from: string;
  readonly to: string;
  readonly category: TaskReport;
  readonly topic: TaskReport;
}

/**
 * Every window's report, all windows' decisions scored together, and the category weights that
 * would have scored best on them (with the pooled category macro-F1 they reach).
 */
export interface FoldsReport {
  readonly folds: readonly FoldReport[];
  readonly pooled: { readonly category: TaskReport; readonly topic: TaskReport };
  readonly fittedCategoryWeights: { readonly weights: Record<string, number>; readonly macroF1: number };
}

/**
 * Time-blocked cross-validation on the SPb training part, for choosing settings without the
 * held-out part: `windows` consecutive windows of `days` days end where `plan`'s calibration part
 * begins; each is scored by a model trained on the SPb appeals before it (plus Kursk's and the
 * operators' training texts) whose temperature is fitted on the window itself. The small topics
 * have a handful of appeals in any one window, so their decisions are pooled across the windows.
 * The models decide with `config.categoryWeights`; the weights that fit the pooled windows best
 * are searched for on the decisions' unweighted category probabilities.
 */
export function timeBlockedFolds(texts: readonly LabelledText[], plan: SplitPlan, config: TrainConfig, windows: number, days: number, log: (line: string) => void = () => undefined): FoldsReport {
  const folds: FoldReport[] = [];
  const gold = { category: [] as string[], topic: [] as string[] };
  const predicted = { category: [] as string[], topic: [] as string[] };
  const samples: CategorySample[] = [];
  let categories: readonly string[] = [];
  for (let k = windows; k >= 1; k--) {
    const to = shiftDays(plan.spb.calibrationFrom, -(k - 1) * days);
    const from = shiftDays(to, -days);
    const foldPlan: SplitPlan = { spb: { calibrationFrom: from, heldOutFrom: to }, kursk: plan.kursk };
    const window = texts.filter((t) => t.source === 'spb' && partOf(t, foldPlan) === 'calibration');
    const { model } = trainModel(texts, foldPlan, config);
    const decisions = evaluateModel(model, window, (text, decision) => {
      gold.category.push(text.category);
      gold.topic.push(text.topicCode);
      predicted.category.push(decision.category.code);
      predicted.topic.push(decision.topic.code);
      categories = decision.categories;
      samples.push({ gold: text.category, probabilities: decision.categoryProbabilities, ruled: decision.ruledCategories });
    });
    folds.push({ from, to, category: decisions.category, topic: decisions.topic });
    log(`fold ${from}..${to}: n=${window.length} category accuracy=${decisions.category.accuracy.toFixed(4)} macroF1=${decisions.category.macroF1.toFixed(4)}`);
  }
  return {
    folds,
    pooled: { category: scoreTask(gold.category, predicted.category), topic: scoreTask(gold.topic, predicted.topic) },
    fittedCategoryWeights: fitCategoryWeights(samples, categories),
  };
}
