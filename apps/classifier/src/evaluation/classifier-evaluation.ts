import type { Classifier } from '../classifier/classifier';
import type { LabelledText } from '../datasets/labelled-text';
import { expectedCalibrationError } from '../model/calibration';
import { TERRITORIES } from '@otklik/reference';
import { seededRandom } from '../model/random';

/** St Petersburg's territory code: the SPb portal's appeals are all in it. */
const SPB = '40000000';
import { macroF1Interval, scoreTask, type Interval, type TaskReport } from './metrics';

/** A task's scores, how well its confidences match its accuracy, and the bootstrap interval of its macro-F1. */
export type EvaluatedTask = TaskReport & { readonly expectedCalibrationError: number; readonly macroF1Interval: Interval };

/** Category and topic scores plus what can be measured of the rule-based decisions. */
export interface ClassifierEvaluation {
  readonly category: EvaluatedTask;
  readonly topic: EvaluatedTask;
  /** Every appeal in these data sets is actionable: the share the classifier would dismiss is its error. */
  readonly kind: { readonly distribution: Record<string, number>; readonly actionableRate: number };
  readonly urgency: Record<string, number>;
  /** Where the source records the district (SPb): how often the text names one, and how often rightly. */
  readonly place?: { readonly withGold: number; readonly found: number; readonly correct: number };
  readonly reviewRate: number;
}

const BOOTSTRAP_SEED = 2021;

/** District code for an SPb portal district name ("Невский" → `40:nevsky`). */
function spbDistrictCode(name: string): string | undefined {
  for (const territory of TERRITORIES.values()) if (territory.region === SPB && territory.name === name) return territory.code;
  return undefined;
}

/** Runs the full classifier over labelled texts and scores it against their gold labels. */
export function evaluateClassifier(classifier: Classifier, texts: readonly LabelledText[], postedAt: (t: LabelledText) => Date): ClassifierEvaluation {
  const gold = { category: [] as string[], topic: [] as string[] };
  const predicted = { category: [] as string[], topic: [] as string[] };
  const confidence = { category: [] as number[], topic: [] as number[] };
  const kinds: Record<string, number> = {};
  const urgency: Record<string, number> = {};
  const place = { withGold: 0, found: 0, correct: 0 };
  let review = 0;
  for (const text of texts) {
    const result = classifier.classify({ text: text.text, postedAt: postedAt(text) });
    for (const task of ['category', 'topic'] as const) {
      gold[task].push(task === 'topic' ? text.topicCode : text.category);
      predicted[task].push(result[task].code);
      confidence[task].push(result[task].confidence);
    }
    kinds[result.kind.kind] = (kinds[result.kind.kind] ?? 0) + 1;
    urgency[result.urgency.level] = (urgency[result.urgency.level] ?? 0) + 1;
    if (result.needsReview) review++;
    const goldDistrict = text.sourceLabels.district ? spbDistrictCode(text.sourceLabels.district) : undefined;
    if (goldDistrict) {
      place.withGold++;
      const named = result.place.source === 'text' && result.place.territory && result.place.territory.code !== SPB ? result.place.territory.code : undefined;
      if (named) {
        place.found++;
        if (named === goldDistrict) place.correct++;
      }
    }
  }
  const report = (task: 'category' | 'topic'): EvaluatedTask => ({
    ...scoreTask(gold[task], predicted[task]),
    expectedCalibrationError: expectedCalibrationError(
      confidence[task],
      gold[task].map((g, i) => g === predicted[task][i]),
    ),
    macroF1Interval: macroF1Interval(gold[task], predicted[task], seededRandom(BOOTSTRAP_SEED)),
  });
  const actionable = (kinds.complaint ?? 0) + (kinds.question ?? 0);
  return {
    category: report('category'),
    topic: report('topic'),
    kind: { distribution: kinds, actionableRate: texts.length > 0 ? actionable / texts.length : 0 },
    urgency,
    ...(place.withGold > 0 ? { place } : {}),
    reviewRate: texts.length > 0 ? review / texts.length : 0,
  };
}
