import { ANSWER_SIGNALS, AnswerSignal } from './answer-signals';

/** One answer reduced to its signals and what the citizen made of it. */
export interface SignalExample {
  signals: readonly AnswerSignal[];
  /** True when the citizen rejected the answer. */
  nonAnswer: boolean;
}

/** Weights of the answer-quality model, as stored in answer-quality.model.json. */
export interface AnswerQualityModel {
  version: string;
  bias: number;
  weights: Record<AnswerSignal, number>;
  /** Score at or above which an answer is flagged. */
  threshold: number;
  /** Signals that flag on their own, whatever the score: textbook formal phrases too rare to calibrate. */
  alwaysFlag: AnswerSignal[];
  /** How the weights were obtained, for the reader of the artifact. */
  calibration: { source: string; label: string; examples: number; positives: number; objective: string };
}

/**
 * Expert starting weights. The fit is pulled towards them (a Gaussian prior), so that a signal the
 * data rarely shows keeps a sensible weight instead of drifting to whatever a few cases say.
 */
export const PRIOR_WEIGHTS: Record<AnswerSignal, number> = {
  'no-concrete-action': 1,
  'no-date': 0.2,
  'no-action-no-date': 0.5,
  'legal-references': 0.3,
  'legal-references-only': 1,
  'noted-only': 2,
  'vague-promise': 1,
  redirect: 0.5,
  'denial-without-action': 0.5,
  'explanation-without-action': 0.5,
  'too-short': 0.5,
};

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** Score in [0, 1] that the signals belong to a formal non-answer. */
export function scoreSignals(model: Pick<AnswerQualityModel, 'bias' | 'weights'>, signals: readonly AnswerSignal[]): number {
  return sigmoid(signals.reduce((z, s) => z + model.weights[s], model.bias));
}

export interface FitOptions {
  iterations?: number;
  learningRate?: number;
  /** Strength of the pull towards PRIOR_WEIGHTS, per example. */
  priorStrength?: number;
}

/**
 * Logistic regression over the signals, by full-batch gradient descent. Weights are kept
 * non-negative: every signal is defined as pointing towards a non-answer, and a negative weight
 * would only mean the data's noise, which would then read as a reason *against* flagging.
 */
export function fitWeights(examples: readonly SignalExample[], options: FitOptions = {}): Pick<AnswerQualityModel, 'bias' | 'weights'> {
  const { iterations = 800, learningRate = 0.5, priorStrength = 20 } = options;
  if (!examples.length) throw new Error('fitWeights: no examples');
  const index = new Map(ANSWER_SIGNALS.map((s, i) => [s, i]));
  const rows = examples.map((e) => ({ x: e.signals.map((s) => index.get(s) ?? -1).filter((i) => i >= 0), y: e.nonAnswer ? 1 : 0 }));
  const prior = ANSWER_SIGNALS.map((s) => PRIOR_WEIGHTS[s]);
  const w = [...prior];
  const positives = rows.filter((r) => r.y === 1).length;
  let bias = Math.log(Math.max(positives, 1) / Math.max(rows.length - positives, 1));
  const n = rows.length;
  for (let it = 0; it < iterations; it++) {
    const grad = new Array<number>(w.length).fill(0);
    let gradBias = 0;
    for (const r of rows) {
      const err = sigmoid(r.x.reduce((z, i) => z + w[i], bias)) - r.y;
      gradBias += err;
      for (const i of r.x) grad[i] += err;
    }
    bias -= (learningRate * gradBias) / n;
    for (let i = 0; i < w.length; i++) {
      const g = grad[i] / n + (priorStrength / n) * (w[i] - prior[i]);
      w[i] = Math.max(0, w[i] - learningRate * g);
    }
  }
  const weights = Object.fromEntries(ANSWER_SIGNALS.map((s, i) => [s, round(w[i])])) as Record<AnswerSignal, number>;
  return { bias: round(bias), weights };
}

/** Precision, recall and F1 of flagging at a threshold. */
export interface FlagQuality {
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
  flagged: number;
  truePositives: number;
  positives: number;
  examples: number;
}

/** How well flagged = (score >= threshold or an always-flag signal) matches the labels. */
export function measure(model: AnswerQualityModel, examples: readonly SignalExample[], threshold = model.threshold): FlagQuality {
  let tp = 0;
  let flagged = 0;
  let positives = 0;
  for (const e of examples) {
    const hit = isFlagged(model, e.signals, threshold);
    if (e.nonAnswer) positives++;
    if (hit) flagged++;
    if (hit && e.nonAnswer) tp++;
  }
  const precision = flagged ? tp / flagged : 0;
  const recall = positives ? tp / positives : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { threshold, precision, recall, f1, flagged, truePositives: tp, positives, examples: examples.length };
}

/** The flagging rule shared by the service and the evaluation. */
export function isFlagged(model: AnswerQualityModel, signals: readonly AnswerSignal[], threshold = model.threshold): boolean {
  return signals.some((s) => model.alwaysFlag.includes(s)) || scoreSignals(model, signals) >= threshold;
}

/** The threshold (among the scores that occur) with the best F1 on the given examples. */
export function chooseThreshold(model: AnswerQualityModel, examples: readonly SignalExample[]): FlagQuality {
  const candidates = [...new Set(examples.map((e) => round(scoreSignals(model, e.signals))))].sort((a, b) => a - b);
  let best: FlagQuality | undefined;
  for (const t of candidates) {
    const q = measure(model, examples, t);
    if (!best || q.f1 > best.f1) best = q;
  }
  if (!best) throw new Error('chooseThreshold: no examples');
  return best;
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
