import { readFileSync } from 'node:fs';
import path from 'node:path';
import { HistoryModel } from './history-model';

/** The committed learned-routing artifact (see `nx run router:train`). */
export const HISTORY_ARTIFACT_FILE = path.join(__dirname, 'history-counts.json');

/** Loads the learned-routing artifact; throws naming the file when it is missing or broken. */
export function loadHistoryArtifact(file: string = HISTORY_ARTIFACT_FILE): HistoryModel {
  try {
    return HistoryModel.fromData(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
}
