import { softmaxInPlace } from './softmax';

/** A held-out answer: the head's raw scores and the index of the true label. */
export interface ScoredExample {
  readonly logits: Float32Array | Float64Array;
  readonly target: number;
}

/** Mean negative log-likelihood of the true labels at the given temperature. */
export function negativeLogLikelihood(examples: readonly ScoredExample[], temperature: number): number {
  let total = 0;
  for (const { logits, target } of examples) {
    const probabilities = softmaxInPlace(Float64Array.from(logits), temperature);
    total -= Math.log(Math.max(probabilities[target], 1e-12));
  }
  return total / Math.max(1, examples.length);
}

/**
 * Temperature scaling (Guo et al., 2017): the single divisor of the logits that minimises
 * held-out NLL, found by golden-section search over log-temperature in [1/20, 20]. Accuracy is
 * unchanged; confidences become honest.
 */
export function fitTemperature(examples: readonly ScoredExample[]): number {
  if (examples.length === 0) return 1;
  const ratio = (Math.sqrt(5) - 1) / 2;
  let low = Math.log(0.05);
  let high = Math.log(20);
  let a = high - ratio * (high - low);
  let b = low + ratio * (high - low);
  let fa = negativeLogLikelihood(examples, Math.exp(a));
  let fb = negativeLogLikelihood(examples, Math.exp(b));
  for (let i = 0; i < 40; i++) {
    if (fa < fb) {
      high = b;
      b = a;
      fb = fa;
      a = high - ratio * (high - low);
      fa = negativeLogLikelihood(examples, Math.exp(a));
    } else {
      low = a;
      a = b;
      fa = fb;
      b = low + ratio * (high - low);
      fb = negativeLogLikelihood(examples, Math.exp(b));
    }
  }
  return Math.exp((low + high) / 2);
}

/** Expected calibration error over equal-width confidence bins. */
export function expectedCalibrationError(confidences: readonly number[], correct: readonly boolean[], bins = 10): number {
  const count = new Float64Array(bins);
  const confidenceSum = new Float64Array(bins);
  const correctSum = new Float64Array(bins);
  confidences.forEach((confidence, i) => {
    const bin = Math.min(bins - 1, Math.floor(confidence * bins));
    count[bin]++;
    confidenceSum[bin] += confidence;
    if (correct[i]) correctSum[bin]++;
  });
  let error = 0;
  for (let bin = 0; bin < bins; bin++) if (count[bin] > 0) error += Math.abs(confidenceSum[bin] - correctSum[bin]);
  return error / Math.max(1, confidences.length);
}
