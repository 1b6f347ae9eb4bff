import type { TrainConfig } from '../training/train-model';

/** A training run small enough for a spec: 2^14 buckets, five epochs, no category weights. */
export function smallTrainConfig(version: string): TrainConfig {
  return {
    version,
    features: { bits: 14, charGramMin: 4, charGramMax: 4, pairWeight: 1, charGramWeight: 0.3, maxWords: 50 },
    training: { epochs: 5, learningRate: 0.2, l2: 1e-6, classWeightPower: 0.3, maxClassWeight: 20, learnBias: false, seed: 7 },
    maxRows: 5_000,
    sourceWeights: { spb: 1, kursk: 5, correction: 3 },
    categoryWeights: {},
  };
}
