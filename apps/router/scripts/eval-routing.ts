/**
 * Routing accuracy against the organisation that really answered, on a time-ordered split of
 * the SPb portal appeals (validation = the latest weeks of the file).
 *
 *   nx run router:eval --data <spb .jsonl.gz> [--validation-days 28] [--include-interim]
 *                      [--topic-map <spb.mapping.json>]   (default: the one in @otklik/reference)
 *
 * Labels: the author of the final answer. Appeals with only an interim answer are left out unless
 * --include-interim (their interim answer usually comes from the district administration that
 * controls the case, not from the executor that will answer finally).
 */
import path from 'node:path';
import { sharedDataDir } from '@otklik/config';
import { loadSpbAppeals } from '../src/history/spb-appeals.reader';
import { spbTopics } from '../src/history/spb-training';
import { evaluateRouting, Score } from '../src/evaluation/routing-evaluation';
import { loadSeedData } from '../src/routing/seed-data';
import { argument, flag } from './cli-args';

function show(label: string, s: Score): string {
  return `${label.padEnd(44)} ${s.accuracy.toFixed(4)}  (${s.correct}/${s.n})`;
}

async function main(): Promise<void> {
  const file = argument('data') ?? path.join(sharedDataDir(), 'spb-appeals/dev.jsonl.gz');
  const days = Number(argument('validation-days') ?? 28);
  if (!Number.isFinite(days) || days <= 0) throw new Error('--validation-days must be a positive number');
  const topics = spbTopics(argument('topic-map'));
  const started = Date.now();
  const appeals = await loadSpbAppeals(file);
  const result = evaluateRouting(appeals, topics, loadSeedData(), { validationDays: days, includeInterim: flag('include-interim') });
  console.log(`data: ${file}`);
  console.log(`appeals: ${appeals.length}; train ${result.trainAppeals} before ${result.cut}, validate ${result.validationAppeals} (last ${days} days)`);
  console.log(`skipped in validation: ${JSON.stringify(result.skipped)}`);
  console.log(show('ROUTING ACCURACY (rules → history → triage)', result.routing));
  console.log(`coverage (sent to an agency)                 ${result.coverage.toFixed(4)}; accuracy when sent ${result.routedAccuracy.toFixed(4)}`);
  for (const [method, s] of Object.entries(result.byMethod)) console.log(show(`  decided by ${method}`, s));
  console.log(show('history alone, portal reasons known', result.historyWithReasons));
  console.log(show('history alone, Otklik topic only', result.historyTopicOnly));
  console.log(show('baseline: majority per reason × district', result.baselineMajority));
  for (const [rule, s] of Object.entries(result.byRule)) console.log(show(`  rule ${rule} when it decided`, s));
  console.log('most frequent misses (answered by → routed to):');
  for (const c of result.confusions) console.log(`  ${String(c.count).padStart(4)}  ${c.expected} → ${c.got}`);
  console.log(`took ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

void main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
