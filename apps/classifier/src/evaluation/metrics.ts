/** Precision, recall and F1 of one label. */
export interface LabelScore {
  readonly label: string;
  readonly support: number;
  readonly predicted: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/** A frequent mistake: gold label, predicted label, how often. */
export interface Confusion {
  readonly gold: string;
  readonly predicted: string;
  readonly count: number;
}

export interface TaskReport {
  readonly examples: number;
  readonly accuracy: number;
  /** Unweighted mean F1 over the labels that occur in the gold labels. */
  readonly macroF1: number;
  /** The same mean taken over gold and predicted labels (a predicted-only label adds an F1 of 0). */
  readonly macroF1WithPredicted: number;
  readonly labels: readonly LabelScore[];
  readonly confusions: readonly Confusion[];
}

/** Accuracy, macro-F1, per-label scores and the most frequent confusions of paired labels. */
export function scoreTask(gold: readonly string[], predicted: readonly string[], topConfusions = 10): TaskReport {
  if (gold.length !== predicted.length) throw new Error(`gold has ${gold.length} labels, predictions ${predicted.length}`);
  const truePositive = new Map<string, number>();
  const goldCount = new Map<string, number>();
  const predictedCount = new Map<string, number>();
  const confusionCount = new Map<string, Confusion>();
  let correct = 0;
  gold.forEach((g, i) => {
    const p = predicted[i];
    goldCount.set(g, (goldCount.get(g) ?? 0) + 1);
    predictedCount.set(p, (predictedCount.get(p) ?? 0) + 1);
    if (g === p) {
      correct++;
      truePositive.set(g, (truePositive.get(g) ?? 0) + 1);
    } else {
      const key = `${g}\u0000${p}`;
      const previous = confusionCount.get(key);
      confusionCount.set(key, { gold: g, predicted: p, count: (previous?.count ?? 0) + 1 });
    }
  });
  const labelSet = new Set([...goldCount.keys(), ...predictedCount.keys()]);
  const labels = [...labelSet].sort().map((label): LabelScore => {
    const tp = truePositive.get(label) ?? 0;
    const support = goldCount.get(label) ?? 0;
    const predictedN = predictedCount.get(label) ?? 0;
    const precision = predictedN > 0 ? tp / predictedN : 0;
    const recall = support > 0 ? tp / support : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, support, predicted: predictedN, precision, recall, f1 };
  });
  const mean = (scores: readonly LabelScore[]) => (scores.length > 0 ? scores.reduce((sum, l) => sum + l.f1, 0) / scores.length : 0);
  const macroF1 = mean(labels.filter((l) => l.support > 0));
  const macroF1WithPredicted = mean(labels);
  const confusions = [...confusionCount.values()].sort((a, b) => b.count - a.count).slice(0, topConfusions);
  return { examples: gold.length, accuracy: gold.length > 0 ? correct / gold.length : 0, macroF1, macroF1WithPredicted, labels, confusions };
}

/** Where a figure would fall on another sample of the same size from the same stream. */
export interface Interval {
  readonly low: number;
  readonly high: number;
  /** Share of resampled figures between `low` and `high`, e.g. 0.95. */
  readonly level: number;
  readonly rounds: number;
}

/**
 * Percentile bootstrap interval of macro-F1 over gold labels: `rounds` resamples of the pairs,
 * drawn with replacement by a seeded generator (the same input gives the same interval). On a
 * split where a class has a handful of texts, one text more or less moves macro-F1 by a point;
 * the interval says how far apart two figures must be before they differ.
 */
export function macroF1Interval(gold: readonly string[], predicted: readonly string[], random: () => number, rounds = 1000, level = 0.95): Interval {
  if (gold.length !== predicted.length) throw new Error(`gold has ${gold.length} labels, predictions ${predicted.length}`);
  const codes = new Map<string, number>();
  const code = (label: string) => {
    let known = codes.get(label);
    if (known === undefined) {
      known = codes.size;
      codes.set(label, known);
    }
    return known;
  };
  const goldCodes = Int32Array.from(gold, code);
  const predictedCodes = Int32Array.from(predicted, code);
  const n = gold.length;
  const goldCount = new Int32Array(codes.size);
  const predictedCount = new Int32Array(codes.size);
  const truePositive = new Int32Array(codes.size);
  const figures = new Float64Array(rounds);
  for (let round = 0; round < rounds; round++) {
    goldCount.fill(0);
    predictedCount.fill(0);
    truePositive.fill(0);
    for (let draw = 0; draw < n; draw++) {
      const i = Math.floor(random() * n);
      goldCount[goldCodes[i]]++;
      predictedCount[predictedCodes[i]]++;
      if (goldCodes[i] === predictedCodes[i]) truePositive[goldCodes[i]]++;
    }
    let sum = 0;
    let labels = 0;
    for (let c = 0; c < codes.size; c++) {
      if (goldCount[c] === 0) continue;
      labels++;
      sum += (2 * truePositive[c]) / (goldCount[c] + predictedCount[c]);
    }
    figures[round] = labels > 0 ? sum / labels : 0;
  }
  figures.sort();
  const tail = (1 - level) / 2;
  const at = (q: number) => figures[Math.min(rounds - 1, Math.max(0, Math.floor(q * rounds)))];
  return { low: at(tail), high: at(1 - tail), level, rounds };
}
