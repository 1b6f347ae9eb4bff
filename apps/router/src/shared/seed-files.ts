import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { validateRecords } from './validate-records';

/** Folder of the router's seed files (territories, agencies, rules), beside its sources and in the image. */
export const SEEDS_DIR = path.resolve(__dirname, '../../seeds');

/** The kinds of seed files the router ships. */
export type SeedKind = 'territories' | 'agencies' | 'rules';

/** Reads and validates one seed file (a JSON array). */
export function readSeedFile<T extends object>(file: string, type: new () => T): T[] {
  const text = readFileSync(file, 'utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not JSON (${(error as Error).message})`);
  }
  return validateRecords(path.relative(process.cwd(), file), parsed, type);
}

/** Reads every seed file of a kind, in file-name order. */
export function readSeeds<T extends object>(kind: SeedKind, type: new () => T, dir: string = SEEDS_DIR): T[] {
  const folder = path.join(dir, kind);
  return readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .flatMap((name) => readSeedFile(path.join(folder, name), type));
}
