import { FeatureExtractor, type SparseVector } from '../features/feature-extractor';
import { decideKind } from '../kind/kind.service';
import type { LinearModel } from '../model/linear-model';
import { extractPlace } from '../place/place.service';
import { assessSentiment } from '../sentiment/sentiment.service';
import { foldCase } from '@otklik/text';
import { toPlainText } from '../text/plain-text';
import { assessUrgency } from '../urgency/urgency.service';
import { firedTopicRules } from './topic.rules';
import type { Classification, ClassificationInput, ScoredLabel } from './classification';

/** When an operator must look: thresholds on calibrated probabilities and rule strengths. */
export interface ReviewPolicy {
  readonly minCategoryConfidence: number;
  readonly minTopicConfidence: number;
  readonly minKindConfidence: number;
}

export const DEFAULT_REVIEW_POLICY: ReviewPolicy = { minCategoryConfidence: 0.6, minTopicConfidence: 0.4, minKindConfidence: 0.6 };

const EXPLAINED_FEATURES = 5;
const ALTERNATIVES = 3;

/**
 * What a fired topic rule multiplies its topic's probability by (before renormalising). Large
 * enough to carry a topic the model ranks near the top, not so large that a phrase overrules a
 * model sure of another topic (the rules' phrases also occur in appeals filed elsewhere). Chosen
 * on time-blocked folds of the training data: 30 and 1,000 scored alike, 5 recovered less.
 */
export const TOPIC_RULE_BOOST = 30;

/** The category and topic of a text, the next best topics, the topic rules that fired, and every category's probability. */
export interface TopicDecision {
  readonly category: ScoredLabel;
  readonly topic: ScoredLabel;
  readonly alternatives: ScoredLabel[];
  readonly rules: string[];
  /** Each category's probability before the model's category weights, in `categories` order (what fitting the weights needs). */
  readonly categories: readonly string[];
  readonly categoryProbabilities: Float64Array;
  /** Indexes (in `categories`) of the categories whose topics a fired topic rule raised. */
  readonly ruledCategories: readonly number[];
}

/**
 * Category and topic, consistent with each other: a category's probability is the sum of its
 * topics' calibrated probabilities (on held-out data this beat a separate category head for
 * macro-F1), and the category with the largest probability times its weight in the model is
 * chosen (confidence: its probability); the topic is the best one inside it. `folded` (the text,
 * case folded) lets the topic rules raise the small topics they name; without it the model decides alone.
 */
export function decideTopic(model: LinearModel, vector: SparseVector, folded = '', ruleBoost = TOPIC_RULE_BOOST): TopicDecision {
  const { probabilities } = model.predict(vector, 'topic');
  const labels = model.head('topic').labels;
  const fired = folded === '' ? [] : firedTopicRules(folded);
  if (fired.length > 0) boostTopics(probabilities, labels, new Set(fired.flatMap((rule) => rule.topics)), ruleBoost);
  const { categories, categoryOf } = topicIndex(labels);
  const sums = new Float64Array(categories.length);
  for (let k = 0; k < labels.length; k++) sums[categoryOf[k]] += probabilities[k];
  const ruledCategories = fired.length === 0 ? NONE_RULED : [...new Set(fired.flatMap((rule) => rule.topics.map((topic) => categoryOf[labels.indexOf(topic)])))];
  const bestCategory = chooseCategory(sums, categoryWeights(model, categories), ruledCategories);
  let best = -1;
  for (let k = 0; k < labels.length; k++) if (categoryOf[k] === bestCategory && (best < 0 || probabilities[k] > probabilities[best])) best = k;
  return {
    category: { code: categories[bestCategory], confidence: sums[bestCategory] },
    topic: { code: labels[best], confidence: probabilities[best] },
    alternatives: topOthers(probabilities, labels, best, ALTERNATIVES),
    rules: fired.map((rule) => rule.when.id),
    categories,
    categoryProbabilities: sums,
    ruledCategories,
  };
}

/**
 * Index of the category with the largest probability times its weight. A category a topic rule
 * raised counts with weight 1 at least: the weights take back the model's over-prediction of small
 * categories, and a rule's phrase is not the model's guess.
 */
export function chooseCategory(probabilities: Float64Array, weights: Float64Array, ruled: readonly number[]): number {
  const weightOf = (c: number) => (ruled.includes(c) ? Math.max(1, weights[c]) : weights[c]);
  let best = 0;
  for (let c = 1; c < probabilities.length; c++) if (probabilities[c] * weightOf(c) > probabilities[best] * weightOf(best)) best = c;
  return best;
}

const NONE_RULED: readonly number[] = [];

const weightsByModel = new WeakMap<LinearModel, Float64Array>();

/** The model's category weights in `categories` order (1 where it sets none), computed once per model. */
function categoryWeights(model: LinearModel, categories: readonly string[]): Float64Array {
  const cached = weightsByModel.get(model);
  if (cached) return cached;
  const weights = Float64Array.from(categories, (category) => model.parts.categoryWeights?.[category] ?? 1);
  weightsByModel.set(model, weights);
  return weights;
}

/** Multiplies the probability of each topic in `topics` by `boost` and renormalises, in place. */
function boostTopics(probabilities: Float64Array, labels: readonly string[], topics: ReadonlySet<string>, boost: number): void {
  let sum = 0;
  for (let k = 0; k < labels.length; k++) {
    if (topics.has(labels[k])) probabilities[k] *= boost;
    sum += probabilities[k];
  }
  for (let k = 0; k < labels.length; k++) probabilities[k] /= sum;
}

const topicIndexes = new WeakMap<readonly string[], { categories: string[]; categoryOf: Int32Array }>();

/** Category of each topic label as an index, computed once per label list. */
function topicIndex(labels: readonly string[]): { categories: string[]; categoryOf: Int32Array } {
  const cached = topicIndexes.get(labels);
  if (cached) return cached;
  const categories: string[] = [];
  const categoryOf = Int32Array.from(labels, (code) => {
    const category = code.slice(0, code.indexOf('.'));
    if (!categories.includes(category)) categories.push(category);
    return categories.indexOf(category);
  });
  const index = { categories, categoryOf };
  topicIndexes.set(labels, index);
  return index;
}

/** The `count` most probable labels other than `except`, best first (a linear scan, no sort). */
function topOthers(probabilities: ArrayLike<number>, labels: readonly string[], except: number, count: number): ScoredLabel[] {
  const picked: number[] = [];
  for (let round = 0; round < count; round++) {
    let best = -1;
    for (let k = 0; k < labels.length; k++) {
      if (k === except || picked.includes(k)) continue;
      if (best < 0 || probabilities[k] > probabilities[best]) best = k;
    }
    if (best < 0) break;
    picked.push(best);
  }
  return picked.map((k) => ({ code: labels[k], confidence: probabilities[k] }));
}

/** The whole decision for one post: model for topic, lexicon rules for kind, urgency, place and tone. */
export class Classifier {
  private readonly extractor: FeatureExtractor;

  constructor(
    private readonly model: LinearModel,
    private readonly policy: ReviewPolicy = DEFAULT_REVIEW_POLICY,
  ) {
    this.extractor = new FeatureExtractor(model.parts.features);
  }

  get modelVersion(): string {
    return this.model.version;
  }

  classify(input: ClassificationInput): Classification {
    const plain = toPlainText(input.text);
    const folded = foldCase(plain);
    const vector = this.extractor.extractFolded(folded);
    const { category, topic, alternatives, rules: topicRules } = decideTopic(this.model, vector, folded);
    const kind = decideKind(folded, topic);
    const urgency = assessUrgency(folded, input.postedAt);
    const place = extractPlace(plain, folded, input.communityTerritory);
    const sentiment = assessSentiment(folded);
    const strongest = this.model.contributions(vector, 'topic', topic.code, EXPLAINED_FEATURES);
    const names = this.extractor.nameFoldedBuckets(folded, new Set(strongest.map((c) => c.bucket)));
    const features = strongest.map((c) => ({ feature: names.get(c.bucket) ?? `#${c.bucket}`, weight: Math.round(c.weight * 1000) / 1000 }));
    const reviewReasons = [
      ...(category.confidence < this.policy.minCategoryConfidence ? ['low-category-confidence'] : []),
      ...(topic.confidence < this.policy.minTopicConfidence ? ['low-topic-confidence'] : []),
      ...(kind.confidence < this.policy.minKindConfidence ? ['low-kind-confidence'] : []),
    ];
    // A dismissal is reviewed only when the kind itself is doubtful: its topic does not matter.
    const effectiveReasons = kind.dismissal === undefined ? reviewReasons : reviewReasons.filter((r) => r === 'low-kind-confidence');
    return {
      modelVersion: this.model.version,
      taxonomyVersion: this.model.parts.taxonomyVersion,
      kind,
      category,
      topic,
      alternatives,
      urgency,
      place,
      sentiment,
      explanation: { rules: [...topicRules, ...kind.rules, ...urgency.rules, ...place.rules, ...sentiment.rules], features },
      needsReview: effectiveReasons.length > 0,
      reviewReasons: effectiveReasons,
    };
  }
}
