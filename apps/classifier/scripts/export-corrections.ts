/**
 * Writes the operators' labelled examples from the classifier's database to a JSON-lines file,
 * for a training run on another machine:
 *
 *   MONGODB_URI=mongodb://… npx node -r @swc-node/register apps/classifier/scripts/export-corrections.ts --out corrections.jsonl
 */
import { writeFileSync } from 'node:fs';
import { cliOptions } from '../src/datasets/cli-options';
import { readCorrectionRecords } from '../src/datasets/corrections.reader';

async function main(): Promise<void> {
  const options = cliOptions(process.argv.slice(2));
  if (!options.out) throw new Error('--out <file.jsonl> is required');
  const records = await readCorrectionRecords(process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/?maxPoolSize=2', process.env.MONGODB_DB ?? 'otklik_classifier');
  writeFileSync(options.out, records.map((r) => JSON.stringify(r)).join('\n') + (records.length > 0 ? '\n' : ''));
  console.log(`wrote ${records.length} labelled examples to ${options.out}`);
}

main().catch((error: Error) => {
  console.error(`export-corrections failed: ${error.message}`);
  process.exit(1);
});
