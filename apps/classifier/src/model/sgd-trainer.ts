import type { SparseVector } from '../features/feature-extractor';
import type { Head } from './linear-model';
import { seededRandom, shuffleInPlace } from './random';
import { softmaxInPlace } from './softmax';

/** A head to train: its name and label list. */
export interface HeadSpec {
  readonly name: string;
  readonly labels: readonly string[];
}

/** One training text: its features, the label index per head (absent = not labelled for it), a weight. */
export interface TrainingExample {
  readonly vector: SparseVector;
  readonly labels: Readonly<Record<string, number | undefined>>;
  readonly weight: number;
}

export interface TrainingOptions {
  readonly epochs: number;
  /** AdaGrad base step. */
  readonly learningRate: number;
  /** L2 penalty applied to the rows an example touches (lazy, sparse-friendly). */
  readonly l2: number;
  /**
   * Class weight = (largest class count / class count) ^ power, capped at `maxClassWeight`:
   * 0 trains on the raw distribution, 1 fully balances it. Macro-F1 rewards rare classes.
   */
  readonly classWeightPower: number;
  readonly maxClassWeight: number;
  /**
   * Whether label biases are learned. Learned biases encode the training mix of sources (the SPb
   * portal has no healthcare at all); without them priors come only from the words.
   */
  readonly learnBias: boolean;
  readonly seed: number;
}

interface DenseHead {
  readonly spec: HeadSpec;
  readonly weights: Float32Array;
  readonly bias: Float32Array;
  /** AdaGrad accumulator per feature row (shared by a row's labels: one square root per feature). */
  readonly squaredRows: Float32Array;
  readonly squaredBias: Float32Array;
  readonly classWeights: Float32Array;
}

/** Dense result of training: one full-width weight matrix per head over all hash buckets. */
export interface TrainedHeads {
  readonly bits: number;
  readonly heads: readonly Head[];
}

/**
 * Trains every head jointly on shared hashed features by stochastic gradient descent on the
 * softmax cross-entropy, with per-coordinate AdaGrad steps (rare features get large steps,
 * frequent ones settle) and a seeded shuffle per epoch.
 */
export class SgdTrainer {
  private scratch = new Int32Array(0);

  constructor(
    private readonly bits: number,
    private readonly specs: readonly HeadSpec[],
    private readonly options: TrainingOptions,
  ) {}

  train(examples: readonly TrainingExample[], onEpoch?: (epoch: number, loss: number) => void): TrainedHeads {
    const size = 1 << this.bits;
    const heads = this.specs.map((spec) => this.denseHead(spec, size, examples));
    const order = examples.map((_, i) => i);
    const random = seededRandom(this.options.seed);
    for (let epoch = 1; epoch <= this.options.epochs; epoch++) {
      shuffleInPlace(order, random);
      let loss = 0;
      for (const index of order) {
        const example = examples[index];
        for (const head of heads) {
          const target = example.labels[head.spec.name];
          if (target !== undefined) loss += this.step(head, example, target);
        }
      }
      onEpoch?.(epoch, loss / Math.max(1, examples.length));
    }
    return {
      bits: this.bits,
      heads: heads.map((h) => ({ name: h.spec.name, labels: h.spec.labels, weights: h.weights, bias: h.bias, temperature: 1 })),
    };
  }

  private denseHead(spec: HeadSpec, size: number, examples: readonly TrainingExample[]): DenseHead {
    const width = spec.labels.length;
    const counts = new Float64Array(width);
    for (const example of examples) {
      const target = example.labels[spec.name];
      if (target !== undefined) counts[target] += example.weight;
    }
    const largest = Math.max(...counts);
    const classWeights = new Float32Array(width);
    counts.forEach((count, k) => {
      const raw = count > 0 ? Math.pow(largest / count, this.options.classWeightPower) : 1;
      classWeights[k] = Math.min(raw, this.options.maxClassWeight);
    });
    return {
      spec,
      weights: new Float32Array(size * width),
      bias: new Float32Array(width),
      squaredRows: new Float32Array(size),
      squaredBias: new Float32Array(width),
      classWeights,
    };
  }

  private activeLabels(width: number): Int32Array {
    if (this.scratch.length < width) this.scratch = new Int32Array(width);
    return this.scratch;
  }

  /** One SGD step on one example for one head; returns the example's weighted loss. */
  private step(head: DenseHead, example: TrainingExample, target: number): number {
    const { weights, bias, squaredRows, squaredBias } = head;
    const width = head.spec.labels.length;
    const { ids, values } = example.vector;
    const scores = Float64Array.from(bias);
    for (let i = 0; i < ids.length; i++) {
      const offset = ids[i] * width;
      const value = values[i];
      for (let k = 0; k < width; k++) scores[k] += value * weights[offset + k];
    }
    softmaxInPlace(scores);
    const scale = example.weight * head.classWeights[target];
    const loss = -Math.log(Math.max(scores[target], 1e-12)) * scale;
    const { learningRate, l2 } = this.options;
    for (let k = 0; k < width; k++) {
      const gradient = (scores[k] - (k === target ? 1 : 0)) * scale;
      scores[k] = gradient;
      if (this.options.learnBias) {
        squaredBias[k] += gradient * gradient;
        bias[k] -= (learningRate * gradient) / Math.sqrt(squaredBias[k] + 1e-8);
      }
    }
    // Labels the model already rules out have a negligible gradient; skipping them is most of the speed.
    let active = 0;
    let gradientNorm = 0;
    const activeLabels = this.activeLabels(width);
    for (let k = 0; k < width; k++) {
      if (Math.abs(scores[k]) > 1e-4) {
        activeLabels[active++] = k;
        gradientNorm += scores[k] * scores[k];
      }
    }
    if (active === 0) return loss;
    for (let i = 0; i < ids.length; i++) {
      const row = ids[i];
      const offset = row * width;
      const value = values[i];
      squaredRows[row] += (gradientNorm * value * value) / active;
      const step = learningRate / Math.sqrt(squaredRows[row] + 1e-8);
      for (let a = 0; a < active; a++) {
        const at = offset + activeLabels[a];
        weights[at] -= step * (scores[activeLabels[a]] * value + l2 * weights[at]);
      }
    }
    return loss;
  }
}
