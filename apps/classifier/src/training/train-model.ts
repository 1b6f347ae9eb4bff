import type { LabelledText, TextSource } from '../datasets/labelled-text';
import { partOf, type SplitPlan } from '../datasets/split';
import { FeatureExtractor, type FeatureConfig, type SparseVector } from '../features/feature-extractor';
import { fitTemperature, type ScoredExample } from '../model/calibration';
import { compactHeads } from '../model/compaction';
import { LinearModel, quantiseHead } from '../model/linear-model';
import { decodeArtifact, encodeArtifact } from '../model/model-artifact';
import { SgdTrainer, type TrainingExample, type TrainingOptions } from '../model/sgd-trainer';
import { TAXONOMY } from '@otklik/reference';

/** Everything that decides what a training run produces. */
export interface TrainConfig {
  readonly version: string;
  readonly features: FeatureConfig;
  readonly training: TrainingOptions;
  /** Weight rows kept in the artifact. */
  readonly maxRows: number;
  /** Per-source example weight: the small Kursk set would otherwise drown in SPb. */
  readonly sourceWeights: Readonly<Record<TextSource, number>>;
  /** Multiplier of a category's probability when choosing the category (absent = 1); chosen by `--folds`. */
  readonly categoryWeights: Readonly<Record<string, number>>;
}

export interface TrainResult {
  readonly artifact: Buffer;
  readonly model: LinearModel;
  readonly temperatures: Readonly<Record<string, number>>;
  readonly counts: Readonly<Record<string, number>>;
}

/** The model's one head: the Otklik topic over the full taxonomy (categories are sums of topics). */
export const HEADS = [{ name: 'topic', labels: TAXONOMY.topicCodes }] as const;

function goldIndex(text: LabelledText): number {
  return TAXONOMY.topicCodes.indexOf(text.topicCode);
}

/**
 * Trains on the `train` part of `plan`, keeps the strongest weight rows, quantises, then fits a
 * temperature per head on the `calibration` part using the quantised model — the same numbers
 * the service will compute — and returns the artifact with the run's record inside.
 */
export function trainModel(texts: readonly LabelledText[], plan: SplitPlan, config: TrainConfig, log: (line: string) => void = () => undefined): TrainResult {
  const extractor = new FeatureExtractor(config.features);
  const train: TrainingExample[] = [];
  const calibration: { vector: SparseVector; text: LabelledText }[] = [];
  const counts: Record<string, number> = {};
  for (const text of texts) {
    const part = partOf(text, plan);
    counts[`${text.source}.${part}`] = (counts[`${text.source}.${part}`] ?? 0) + 1;
    if (part === 'heldOut') continue;
    const vector = extractor.extract(text.text);
    if (part === 'calibration') calibration.push({ vector, text });
    else train.push({ vector, labels: { topic: goldIndex(text) }, weight: config.sourceWeights[text.source] });
  }
  log(`examples: ${JSON.stringify(counts)}`);
  const trainer = new SgdTrainer(config.features.bits, HEADS, config.training);
  const dense = trainer.train(train, (epoch, loss) => log(`epoch ${epoch}: loss ${loss.toFixed(4)}`));
  const compact = compactHeads(config.features.bits, dense.heads, config.maxRows);
  const quantised = compact.heads.map((head) => quantiseHead(head, compact.buckets.length));
  const parts = { version: config.version, taxonomyVersion: TAXONOMY.version, features: config.features, buckets: compact.buckets, heads: quantised, categoryWeights: config.categoryWeights };
  const uncalibrated = new LinearModel(parts);
  const temperatures: Record<string, number> = {};
  const heads = quantised.map((head) => {
    const scored: ScoredExample[] = calibration.map(({ vector, text }) => ({ logits: uncalibrated.logits(vector, uncalibrated.head(head.name)), target: goldIndex(text) }));
    const temperature = fitTemperature(scored);
    temperatures[head.name] = temperature;
    return { ...head, temperature };
  });
  log(`temperatures: ${JSON.stringify(temperatures)}; rows kept: ${compact.buckets.length}`);
  const record = { trainedAt: new Date().toISOString(), split: plan, counts, config, temperatures };
  const artifact = encodeArtifact({ ...parts, heads }, record);
  return { artifact, model: decodeArtifact(artifact).model, temperatures, counts };
}
