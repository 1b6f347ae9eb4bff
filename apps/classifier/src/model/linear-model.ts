import type { FeatureConfig, SparseVector } from '../features/feature-extractor';
import { argmax, softmaxInPlace } from './softmax';

/** One decision the model makes (e.g. `topic`): a weight row per feature, one column per label. */
export interface Head {
  readonly name: string;
  readonly labels: readonly string[];
  /** rows × labels.length, row-major. */
  readonly weights: Float32Array;
  readonly bias: Float32Array;
  /** Softmax temperature fitted on held-out data so confidences match observed accuracy. */
  readonly temperature: number;
}

/**
 * A head as served: Int8 weights with one scale per row. A row is then one cache line, which is
 * what makes scoring fast — the float rows are scattered over megabytes and every feature missed
 * the cache.
 */
export interface QuantisedHead {
  readonly name: string;
  readonly labels: readonly string[];
  /** rows × labels.length, row-major; row r belongs to the feature bucket `buckets[r]`. */
  readonly weights: Int8Array;
  /** Weight of row r, label k = weights[r × labels + k] × rowScales[r]. */
  readonly rowScales: Float32Array;
  readonly bias: Float32Array;
  readonly temperature: number;
}

/** Int8 weights with one scale per row: rows differ in magnitude by orders, one global scale would flatten most. */
export function quantiseHead(head: Head, rows: number): QuantisedHead {
  const width = head.labels.length;
  const rowScales = new Float32Array(rows);
  const weights = new Int8Array(rows * width);
  for (let row = 0; row < rows; row++) {
    let largest = 0;
    for (let k = 0; k < width; k++) largest = Math.max(largest, Math.abs(head.weights[row * width + k]));
    const scale = largest > 0 ? largest / 127 : 1;
    rowScales[row] = scale;
    for (let k = 0; k < width; k++) weights[row * width + k] = Math.round(head.weights[row * width + k] / scale);
  }
  return { name: head.name, labels: head.labels, weights, rowScales, bias: Float32Array.from(head.bias), temperature: head.temperature };
}

/** A head's answer for one text. */
export interface HeadPrediction {
  readonly label: string;
  /** Calibrated probability of `label`. */
  readonly confidence: number;
  /** Calibrated probability of every label, in the head's label order. */
  readonly probabilities: Float64Array;
}

/** A feature's pull towards a label: its value times the label's weight for it. */
export interface Contribution {
  readonly bucket: number;
  readonly weight: number;
}

/** Everything needed to rebuild the model; what the artifact stores. */
export interface LinearModelParts {
  readonly version: string;
  readonly taxonomyVersion: string;
  readonly features: FeatureConfig;
  /** Hash buckets that kept a weight row, ascending; the rest of the space scores zero. */
  readonly buckets: Int32Array;
  readonly heads: readonly QuantisedHead[];
  /**
   * What each category's probability is multiplied by when the category is chosen (absent = 1);
   * the reported confidence stays the calibrated probability. See `TrainConfig.categoryWeights`.
   */
  readonly categoryWeights?: Readonly<Record<string, number>>;
}

/** Multinomial logistic regression over hashed sparse features, one softmax per head. */
export class LinearModel {
  /** Row of each hash bucket, NO_ROW when the bucket kept none; 16-bit when it fits, to halve cache misses. */
  private readonly rowOf: Uint16Array | Uint32Array;
  private readonly noRow: number;
  private readonly headsByName = new Map<string, QuantisedHead>();
  private rowStarts = new Int32Array(256);
  private rowValues = new Float64Array(256);

  constructor(readonly parts: LinearModelParts) {
    const narrow = parts.buckets.length < 0xffff;
    this.noRow = narrow ? 0xffff : 0xffffffff;
    this.rowOf = (narrow ? new Uint16Array(1 << parts.features.bits) : new Uint32Array(1 << parts.features.bits)).fill(this.noRow);
    parts.buckets.forEach((bucket, row) => (this.rowOf[bucket] = row));
    for (const head of parts.heads) this.headsByName.set(head.name, head);
  }

  get version(): string {
    return this.parts.version;
  }

  /** The named head; throws when the artifact has no such head. */
  head(name: string): QuantisedHead {
    const head = this.headsByName.get(name);
    if (!head) throw new Error(`model ${this.version} has no head "${name}"`);
    return head;
  }

  /**
   * Raw (uncalibrated) label scores of one head. The text's rows are gathered first and each
   * label's score is then summed over them in a local: a text touches a few kilobytes of rows,
   * which stay in the L1 cache for every label, and the sum never leaves a register.
   */
  logits(vector: SparseVector, head: QuantisedHead): Float64Array {
    const width = head.labels.length;
    const { ids, values } = vector;
    this.growScratch(ids.length);
    const { rowOf, noRow, rowStarts, rowValues } = this;
    const { weights, rowScales, bias } = head;
    let used = 0;
    for (let i = 0; i < ids.length; i++) {
      const row = rowOf[ids[i]];
      if (row === noRow) continue;
      rowStarts[used] = row * width;
      rowValues[used] = values[i] * rowScales[row];
      used++;
    }
    const scores = new Float64Array(width);
    for (let k = 0; k < width; k++) {
      let sum = bias[k];
      for (let j = 0; j < used; j++) sum += rowValues[j] * weights[rowStarts[j] + k];
      scores[k] = sum;
    }
    return scores;
  }

  /** Grows the buffers of `logits` to hold `features` rows; a model is used by one thread. */
  private growScratch(features: number): void {
    if (this.rowStarts.length >= features) return;
    this.rowStarts = new Int32Array(features * 2);
    this.rowValues = new Float64Array(features * 2);
  }

  /** Calibrated prediction of one head. */
  predict(vector: SparseVector, headName: string): HeadPrediction {
    const head = this.head(headName);
    const probabilities = softmaxInPlace(this.logits(vector, head), head.temperature);
    const best = argmax(probabilities);
    return { label: head.labels[best], confidence: probabilities[best], probabilities };
  }

  /** The features that pull hardest towards `label` in this text, strongest first. */
  contributions(vector: SparseVector, headName: string, label: string, limit: number): Contribution[] {
    const head = this.head(headName);
    const column = head.labels.indexOf(label);
    if (column < 0) return [];
    const width = head.labels.length;
    const found: Contribution[] = [];
    for (let i = 0; i < vector.ids.length; i++) {
      const row = this.rowOf[vector.ids[i]];
      if (row === this.noRow) continue;
      const weight = vector.values[i] * head.rowScales[row] * head.weights[row * width + column];
      if (weight > 0) found.push({ bucket: vector.ids[i], weight });
    }
    return found.sort((a, b) => b.weight - a.weight).slice(0, limit);
  }
}
