import path from 'node:path';

/** Repository root, four levels above this file's folder (apps/classifier/src/datasets). */
export const REPO_ROOT = path.resolve(__dirname, '../../../..');

/** The shared reference data: `OTKLIK_DATA_DIR`, else `<repo>/../shared/data`. */
export function dataDir(): string {
  return process.env.OTKLIK_DATA_DIR ?? path.resolve(REPO_ROOT, '../shared/data');
}
