/**
 * Throughput of the classifier on one core (Node runs the loop on one thread), over real appeal
 * texts read from the shared data at run time.
 *
 *   npx node -r @swc-node/register apps/classifier/bench/model.bench.ts [--texts 20000] [--rounds 3]
 *
 * Prints texts/s for the model alone (features, topic head, category from topics) and for the full
 * decision (model, kind, urgency, place, sentiment, explanation): the median round, and the best
 * round, which a busy neighbour on a shared machine disturbs least.
 */
import os from 'node:os';
import path from 'node:path';
import { Classifier, decideTopic } from '../src/classifier/classifier';
import { cliOptions } from '../src/datasets/cli-options';
import { sharedDataDir } from '@otklik/config';
import { readKurskAppeals } from '../src/datasets/kursk.reader';
import { readSpbAppeals } from '../src/datasets/spb.reader';
import { UnmappedLabels } from '../src/datasets/unmapped-labels';
import { FeatureExtractor } from '../src/features/feature-extractor';
import { loadModel } from '../src/model/model-loader';

const options = cliOptions(process.argv.slice(2));
const count = Number(options.texts ?? 20000);
const rounds = Number(options.rounds ?? 3);
const dir = sharedDataDir();
// Texts with an unmapped label are left out; a bench only needs texts.
const unmapped = new UnmappedLabels();
const pool = [...readSpbAppeals(path.join(dir, 'spb-appeals/dev.jsonl.gz'), unmapped), ...readKurskAppeals(path.join(dir, 'kursk-appeals/dev.csv'), unmapped)].map((t) => t.text);
// Spread the sample over the whole pool so both sources and all months are represented.
const texts = Array.from({ length: count }, (_, i) => pool[Math.floor((i * pool.length) / count) % pool.length]);
const meanChars = texts.reduce((sum, t) => sum + t.length, 0) / texts.length;
const { model } = loadModel(options.model);
const extractor = new FeatureExtractor(model.parts.features);
const classifier = new Classifier(model);
const postedAt = new Date('2021-01-15T12:00:00Z');

/**
 * Texts per second of CPU time used by this (single-threaded) process — the one-core figure even
 * when other processes share the machine — and per second of wall time.
 */
function measure(name: string, run: (text: string) => unknown): void {
  for (let i = 0; i < Math.min(2000, texts.length); i++) run(texts[i]);
  const cpuRates: number[] = [];
  const wallRates: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const wall = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    for (const text of texts) run(text);
    const used = process.cpuUsage(cpu);
    cpuRates.push(texts.length / ((used.user + used.system) / 1e6));
    wallRates.push(texts.length / (Number(process.hrtime.bigint() - wall) / 1e9));
  }
  const median = (rates: number[]) => Math.round([...rates].sort((a, b) => a - b)[Math.floor(rates.length / 2)]).toLocaleString('en');
  const best = Math.round(Math.max(...cpuRates)).toLocaleString('en');
  console.log(`${name.padEnd(44)} ${median(cpuRates).padStart(8)} texts per CPU-second (median of ${rounds}; best ${best}), ${median(wallRates).padStart(8)} texts per wall-second`);
}

console.log(
  `model ${model.version}; ${texts.length} texts per round, mean ${meanChars.toFixed(0)} characters; node ${process.version}, one thread; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`,
);
measure('model (features + topic head + category)', (text) => decideTopic(model, extractor.extract(text)));
measure('full classification (+ rules, explanation)', (text) => classifier.classify({ text, postedAt }));
