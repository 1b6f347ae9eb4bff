import type { Head } from './linear-model';

/** The kept part of a dense, full-width model. */
export interface CompactHeads {
  readonly buckets: Int32Array;
  readonly heads: readonly Head[];
}

/**
 * Keeps the `maxRows` hash buckets whose largest absolute weight (over all heads) is largest,
 * dropping buckets no training text touched and those that barely move any score, so the
 * committed artifact stays small.
 */
export function compactHeads(bits: number, dense: readonly Head[], maxRows: number): CompactHeads {
  const size = 1 << bits;
  const importance = new Float32Array(size);
  for (const head of dense) {
    const width = head.labels.length;
    for (let bucket = 0; bucket < size; bucket++) {
      let largest = importance[bucket];
      const offset = bucket * width;
      for (let k = 0; k < width; k++) {
        const magnitude = Math.abs(head.weights[offset + k]);
        if (magnitude > largest) largest = magnitude;
      }
      importance[bucket] = largest;
    }
  }
  const candidates: number[] = [];
  for (let bucket = 0; bucket < size; bucket++) if (importance[bucket] > 0) candidates.push(bucket);
  candidates.sort((a, b) => importance[b] - importance[a]);
  const buckets = Int32Array.from(candidates.slice(0, maxRows)).sort();
  const heads = dense.map((head) => {
    const width = head.labels.length;
    const weights = new Float32Array(buckets.length * width);
    buckets.forEach((bucket, row) => weights.set(head.weights.subarray(bucket * width, (bucket + 1) * width), row * width));
    return { ...head, weights, bias: Float32Array.from(head.bias) };
  });
  return { buckets, heads };
}
