/**
 * Fits the answer-quality weights on the calibration split of the SPb appeals and writes
 * apps/notifier/src/answer-quality/answer-quality.model.json. The held-out split is not read here.
 *
 *   npx node -r @swc-node/register apps/notifier/scripts/calibrate-answer-quality.ts
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { AnswerQualityModel, chooseThreshold, fitWeights, SignalExample } from '../src/answer-quality/answer-quality.calibration';
import { detectSignals } from '../src/answer-quality/answer-signals';
import { HOLDOUT_SHARE, readLabelledAnswers } from './spb-feedback';

const MODEL_FILE = path.resolve(__dirname, '../src/answer-quality/answer-quality.model.json');

async function main(): Promise<void> {
  const examples: SignalExample[] = [];
  for await (const a of readLabelledAnswers()) {
    // Only answers the citizen explicitly judged: accepted (negative) or disputed (positive).
    if (a.split !== 'calibration' || a.outcome === 'unconfirmed') continue;
    examples.push({ signals: detectSignals(a.text), nonAnswer: a.outcome === 'disputed' });
  }
  const fitted = fitWeights(examples);
  const positives = examples.filter((e) => e.nonAnswer).length;
  const draft: AnswerQualityModel = {
    version: `spb-${new Date().toISOString().slice(0, 10)}`,
    ...fitted,
    threshold: 0.5,
    alwaysFlag: ['noted-only'],
    calibration: {
      source: 'spb-appeals/dev.jsonl.gz',
      label: `disputed (reopened by the citizen) vs accepted (citizen satisfied); ${Math.round((1 - HOLDOUT_SHARE) * 100)}% calibration split`,
      examples: examples.length,
      positives,
      objective: 'logistic regression, non-negative weights, Gaussian prior on expert weights; threshold = best F1',
    },
  };
  const best = chooseThreshold(draft, examples);
  const model: AnswerQualityModel = { ...draft, threshold: best.threshold };
  writeFileSync(MODEL_FILE, `${JSON.stringify(model, null, 2)}\n`);
  console.log(`calibration examples ${examples.length}, disputed ${positives}`);
  console.log(`threshold ${best.threshold}: precision ${best.precision.toFixed(3)} recall ${best.recall.toFixed(3)} f1 ${best.f1.toFixed(3)}`);
  console.log(`weights ${JSON.stringify(model.weights)} bias ${model.bias}`);
  console.log(`written ${path.relative(process.cwd(), MODEL_FILE)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
