/**
 * Trains learned routing from the SPb portal appeals and writes the committed artifact
 * src/history/history-counts.json (counts of who answered, per topic level and territory).
 *
 *   nx run router:train [--data <spb .jsonl.gz>] [--topic-map <spb.mapping.json>] [--smoothing 10]
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { AgencyDirectory } from '../src/agencies/agency-directory';
import { HISTORY_ARTIFACT_FILE } from '../src/history/history-artifact';
import { HistoryModel } from '../src/history/history-model';
import { loadSpbAppeals } from '../src/history/spb-appeals.reader';
import { spbObservations, spbTopics } from '../src/history/spb-training';
import { loadSeedData } from '../src/routing/seed-data';
import { sharedDataDir } from '@otklik/config';
import { TerritoryDirectory } from '../src/territories/territory-directory';
import { argument } from './cli-args';

const HISTORY_ARTIFACT = HISTORY_ARTIFACT_FILE;

async function main(): Promise<void> {
  const file = argument('data') ?? path.join(sharedDataDir(), 'spb-appeals/dev.jsonl.gz');
  const topics = spbTopics(argument('topic-map'));
  const smoothing = Number(argument('smoothing') ?? 10);
  const seeds = loadSeedData();
  const directory = new AgencyDirectory(seeds.agencies, new TerritoryDirectory(seeds.territories));
  const appeals = await loadSpbAppeals(file);
  const observations = spbObservations(appeals, topics, directory, { withSourceLabels: true });
  const times = appeals.map((a) => a.submittedAt.getTime());
  const model = HistoryModel.train(
    observations,
    {
      description: `SPb portal appeals (${path.basename(file)}), labelled by the final answer's author`,
      appeals: observations.length,
      from: new Date(Math.min(...times)).toISOString().slice(0, 10),
      to: new Date(Math.max(...times)).toISOString().slice(0, 10),
    },
    smoothing,
  );
  const text = `${JSON.stringify(model.data)}\n`;
  writeFileSync(HISTORY_ARTIFACT, text);
  const unresolved = observations.filter((o) => o.target.startsWith('name:')).length;
  console.log(
    `${observations.length} answered appeals of ${appeals.length} → ${path.relative(process.cwd(), HISTORY_ARTIFACT)} (${Math.round(text.length / 1024)} KB, ${Object.keys(model.data.counts).length} topic keys; ${unresolved} answers by organisations outside the directory)`,
  );
}

void main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
