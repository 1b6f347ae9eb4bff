/**
 * Scores the committed classifier model on a labelled file: the SPb appeals (`.jsonl` /
 * `.jsonl.gz`) or the Kursk appeals (`.csv`).
 *
 *   nx run classifier:eval --data <file> [--part heldout|all] [--model <artifact>]
 *
 * `--part heldout` (the default) keeps only the texts that the model's recorded split held out
 * of training and calibration; texts newer than the split (later SPb dates, higher Kursk ids)
 * count as held out too. `--part all` scores every text.
 */
import { Classifier } from '../src/classifier/classifier';
import { cliOptions } from '../src/datasets/cli-options';
import { readKurskAppeals } from '../src/datasets/kursk.reader';
import type { LabelledText } from '../src/datasets/labelled-text';
import { readSpbAppeals } from '../src/datasets/spb.reader';
import { partOf, type SplitPlan } from '../src/datasets/split';
import { evaluateClassifier, type EvaluatedTask } from '../src/evaluation/classifier-evaluation';
import { loadModel } from '../src/model/model-loader';
import { UnmappedLabels } from '../src/datasets/unmapped-labels';

const options = cliOptions(process.argv.slice(2));
const file = options.data;
if (!file) {
  console.error('usage: nx run classifier:eval --data <file.jsonl.gz|file.csv> [--part heldout|all] [--model <artifact>]');
  process.exit(2);
}
const part = options.part ?? 'heldout';
if (part !== 'heldout' && part !== 'all') {
  console.error(`--part must be "heldout" or "all", got "${part}"`);
  process.exit(2);
}

const { model, training } = loadModel(options.model);
const unmapped = new UnmappedLabels();
const all: LabelledText[] = file.endsWith('.csv') ? readKurskAppeals(file, unmapped) : readSpbAppeals(file, unmapped);
const plan = training.split as SplitPlan | undefined;
const texts = part === 'all' || !plan ? all : all.filter((t) => partOf(t, plan) === 'heldOut');
const fallbackDate = new Date();
const result = evaluateClassifier(new Classifier(model), texts, (t) => (t.submittedAt ? new Date(`${t.submittedAt.slice(0, 19)}Z`) : fallbackDate));

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
console.log(`model ${model.version} (taxonomy ${model.parts.taxonomyVersion}; category weights ${JSON.stringify(model.parts.categoryWeights ?? {})}) on ${file}`);
console.log(`texts: ${texts.length} of ${all.length} (${part === 'all' || !plan ? 'all' : `held out by the recorded split ${JSON.stringify(plan)}`})`);
console.log(unmapped.summary() ?? 'unmapped labels: none');
printTask('category', result.category);
printTask('topic', result.topic);
console.log(`\nkind: actionable (complaint or question) ${pct(result.kind.actionableRate)} — every appeal in this file is actionable; distribution ${JSON.stringify(result.kind.distribution)}`);
console.log(`urgency: ${JSON.stringify(result.urgency)}`);
if (result.place)
  console.log(
    `place: district named in text for ${result.place.found}/${result.place.withGold} (${pct(result.place.found / result.place.withGold)}), matching the portal's district in ${result.place.correct}/${result.place.found} (${pct(result.place.correct / Math.max(1, result.place.found))})`,
  );
console.log(`sent to review: ${pct(result.reviewRate)}`);

function printTask(name: string, report: EvaluatedTask): void {
  const interval = report.macroF1Interval;
  console.log(
    `\n${name}: accuracy ${report.accuracy.toFixed(4)}  macro-F1 ${report.macroF1.toFixed(4)} (over gold labels; ${report.macroF1WithPredicted.toFixed(4)} counting predicted-only labels)  ECE ${report.expectedCalibrationError.toFixed(4)}`,
  );
  console.log(`  macro-F1 ${Math.round(interval.level * 100)}% bootstrap interval ${interval.low.toFixed(3)}–${interval.high.toFixed(3)} (${interval.rounds} resamples of these texts)`);
  console.log('  label                              support  predicted  precision  recall   F1');
  for (const l of report.labels) {
    console.log(
      `  ${l.label.padEnd(34)} ${String(l.support).padStart(7)} ${String(l.predicted).padStart(10)} ${l.precision.toFixed(3).padStart(10)} ${l.recall.toFixed(3).padStart(7)} ${l.f1.toFixed(3).padStart(6)}`,
    );
  }
  console.log(`  most frequent confusions (gold → predicted): ${report.confusions.map((c) => `${c.gold} → ${c.predicted} ×${c.count}`).join('; ')}`);
}
