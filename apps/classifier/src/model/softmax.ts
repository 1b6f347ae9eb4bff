/** In-place softmax of `logits / temperature`; returns the same array holding probabilities. */
export function softmaxInPlace<T extends Float32Array | Float64Array>(logits: T, temperature = 1): T {
  let max = -Infinity;
  for (let k = 0; k < logits.length; k++) if (logits[k] > max) max = logits[k];
  let sum = 0;
  for (let k = 0; k < logits.length; k++) {
    const e = Math.exp((logits[k] - max) / temperature);
    logits[k] = e;
    sum += e;
  }
  for (let k = 0; k < logits.length; k++) logits[k] /= sum;
  return logits;
}

/** Index of the largest value (the first one on ties). */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let k = 1; k < values.length; k++) if (values[k] > values[best]) best = k;
  return best;
}
