import path from 'node:path';

/** Repository root, four levels above this file's folder (apps/router/src/shared). */
export const REPO_ROOT = path.resolve(__dirname, '../../../..');

/** The shared reference data: `OTKLIK_DATA_DIR`, else `<repo>/../shared/data`. */
export function dataDir(): string {
  return process.env.OTKLIK_DATA_DIR ?? path.resolve(REPO_ROOT, '../shared/data');
}

/** Folder of the router's seed files (territories, agencies, rules). */
export const SEEDS_DIR = path.resolve(REPO_ROOT, 'apps/router/seeds');
