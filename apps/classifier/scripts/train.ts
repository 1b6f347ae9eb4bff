/**
 * Trains the classifier model from the shared reference data (and operator corrections) and
 * writes the artifact that the service loads.
 *
 *   nx run classifier:train [-- --out <file>] [--corrections <file.jsonl>] [--select | --folds <n>]
 *                           [--category-weights transport=0.3,other=0.7 | none]
 *
 * Data: OTKLIK_DATA_DIR (default <repo>/../shared/data): SPb appeals and Kursk appeals, labels
 * mapped to Otklik's taxonomy. Operator corrections come from --corrections (an export of
 * `export-corrections.ts`) or, when MONGODB_URI is set, straight from the classifier's database.
 * Split: SPb by time (the last 28 days are held out, the 14 days before them calibrate), Kursk by
 * ascending id (top 20 % held out, the 10 % below calibrate). `--select` prints scores on the
 * calibration part instead, for choosing settings without looking at the held-out part; `--folds n`
 * scores n time-blocked windows of the training part (`--fold-days`, default 14), each by a model
 * trained on the appeals before it, prints the category weights that fit them best, and writes no
 * artifact.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cliOptions } from '../src/datasets/cli-options';
import { readCorrectionRecords, readCorrectionsFile, toLabelledTexts } from '../src/datasets/corrections.reader';
import { sharedDataDir } from '@otklik/config';
import { readKurskAppeals } from '../src/datasets/kursk.reader';
import type { LabelledText } from '../src/datasets/labelled-text';
import { readSpbAppeals } from '../src/datasets/spb.reader';
import { partOf, planSplit } from '../src/datasets/split';
import type { TaskReport } from '../src/evaluation/metrics';
import { evaluateModel } from '../src/evaluation/model-evaluation';
import { UnmappedLabels } from '../src/datasets/unmapped-labels';
import { TAXONOMY } from '@otklik/reference';
import { timeBlockedFolds } from '../src/training/time-folds';
import { trainModel, type TrainConfig } from '../src/training/train-model';

const MODEL_FORMAT_MAJOR = 1;

/**
 * The SPb portal's smaller categories, over-predicted by a model that weighs rare topics up to learn
 * them at all. Fitted by `--folds 5 --category-weights none` on the training part (pooled category
 * macro-F1 0.811 → 0.825); the calibration part agreed (0.882 → 0.895).
 */
const DEFAULT_CATEGORY_WEIGHTS: Readonly<Record<string, number>> = { roads: 0.7, transport: 0.3, other: 0.7 };

/** `transport=0.3,other=0.7` → { transport: 0.3, other: 0.7 }; `none` → {}; throws naming a bad pair. */
function parseWeights(text: string): Record<string, number> {
  const weights: Record<string, number> = {};
  if (text === 'none') return weights;
  for (const pair of text.split(',')) {
    const [category, value] = pair.split('=');
    const weight = Number(value);
    if (!category || !(weight > 0)) throw new Error(`--category-weights: "${pair}" is not category=positive number`);
    if (!TAXONOMY.categoryCodes.includes(category)) throw new Error(`--category-weights: "${category}" is not a category of taxonomy ${TAXONOMY.version}`);
    weights[category] = weight;
  }
  return weights;
}

function formatWeights(weights: Readonly<Record<string, number>>): string {
  const pairs = Object.entries(weights).map(([category, weight]) => `${category}=${weight}`);
  return pairs.length > 0 ? pairs.join(',') : 'none';
}

async function main(): Promise<void> {
  const options = cliOptions(process.argv.slice(2));
  const num = (name: string, fallback: number) => (options[name] !== undefined ? Number(options[name]) : fallback);
  const settings: Omit<TrainConfig, 'version'> = {
    features: { bits: num('bits', 18), charGramMin: num('cmin', 4), charGramMax: num('cmax', 4), pairWeight: num('pair', 1), charGramWeight: num('cw', 0.3), maxWords: num('maxWords', 200) },
    training: {
      epochs: num('epochs', 8),
      learningRate: num('lr', 0.2),
      l2: num('l2', 1e-6),
      classWeightPower: num('cwp', 0.3),
      maxClassWeight: num('mcw', 20),
      learnBias: num('bias', 0) === 1,
      seed: 7,
    },
    maxRows: num('rows', 60_000),
    sourceWeights: { spb: 1, kursk: num('kw', 5), correction: num('correctionWeight', 3) },
    categoryWeights: options['category-weights'] !== undefined ? parseWeights(options['category-weights']) : DEFAULT_CATEGORY_WEIGHTS,
  };
  const dir = sharedDataDir();
  const unmapped = new UnmappedLabels();
  const texts: LabelledText[] = [
    ...readSpbAppeals(path.join(dir, 'spb-appeals/dev.jsonl.gz'), unmapped),
    ...readKurskAppeals(path.join(dir, 'kursk-appeals/dev.csv'), unmapped),
    ...(await corrections(options.corrections, unmapped)),
  ];
  console.log(unmapped.summary() ?? 'unmapped labels: none');
  const plan = planSplit(texts, { spbHeldOutDays: 28, spbCalibrationDays: 14, kurskHeldOutShare: 0.2, kurskCalibrationShare: 0.1 });
  // Same settings and same data give the same version (and the same weights: training is seeded).
  const digest = createHash('sha256').update(JSON.stringify(settings)).update(TAXONOMY.version);
  for (const t of texts) digest.update(`${t.source}\u0000${t.id}\u0000${t.topicCode}\u0000${t.text}\u0001`);
  const version = `clf-${MODEL_FORMAT_MAJOR}.${digest.digest('hex').slice(0, 10)}`;
  console.log(`model ${version}; data ${dir}; split ${JSON.stringify(plan)}`);
  const started = Date.now();
  if (options.folds) {
    const report = timeBlockedFolds(texts, plan, { version, ...settings }, Number(options.folds), num('fold-days', 14), (line) => console.log(line));
    console.log(`folds done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    for (const [task, r] of Object.entries(report.pooled)) {
      console.log(`folds spb ${task}: n=${r.examples} accuracy=${r.accuracy.toFixed(4)} macroF1=${r.macroF1.toFixed(4)}`);
      if (task === 'category') console.log(`  F1 ${perLabel(r)}`);
    }
    const fitted = report.fittedCategoryWeights;
    console.log(`folds: category weights that fit these windows best: --category-weights ${formatWeights(fitted.weights)} (category macroF1=${fitted.macroF1.toFixed(4)})`);
    return;
  }
  const result = trainModel(texts, plan, { version, ...settings }, (line) => console.log(line));
  console.log(`trained in ${((Date.now() - started) / 1000).toFixed(1)} s; artifact ${(result.artifact.length / 1024).toFixed(0)} KiB`);
  if (!options.select) {
    const out = options.out ?? path.resolve(__dirname, '../model/classifier-model.json.gz');
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, result.artifact);
    console.log(`wrote ${out}`);
  }
  const part = options.select ? 'calibration' : 'heldOut';
  for (const source of ['spb', 'kursk'] as const) {
    const reports = evaluateModel(
      result.model,
      texts.filter((t) => t.source === source && partOf(t, plan) === part),
    );
    for (const [task, r] of Object.entries(reports)) {
      console.log(`${part} ${source} ${task}: n=${r.examples} accuracy=${r.accuracy.toFixed(4)} macroF1=${r.macroF1.toFixed(4)} ece=${r.expectedCalibrationError.toFixed(4)}`);
      if (task === 'category') console.log(`  F1 ${perLabel(r)}`);
    }
  }
}

function perLabel(report: TaskReport): string {
  return report.labels
    .filter((l) => l.support > 0)
    .map((l) => `${l.label}=${l.f1.toFixed(3)}/${l.support}`)
    .join(' ');
}

async function corrections(file: string | undefined, unmapped: UnmappedLabels): Promise<LabelledText[]> {
  if (file) return readCorrectionsFile(file, unmapped);
  if (!process.env.MONGODB_URI) return [];
  const records = await readCorrectionRecords(process.env.MONGODB_URI, process.env.MONGODB_DB ?? 'otklik_classifier');
  console.log(`operator corrections from MongoDB: ${records.length}`);
  return toLabelledTexts(records, unmapped);
}

main().catch((error: Error) => {
  console.error(`training failed: ${error.message}`);
  process.exit(1);
});
