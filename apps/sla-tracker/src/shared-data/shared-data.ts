import * as path from 'node:path';

/**
 * Folder of the reference data (calendars, appeals) read at run time: `OTKLIK_DATA_DIR`, else
 * `<repo>/../shared/data`. The data is never copied into the repository.
 */
export function sharedDataDir(): string {
  const fromEnv = process.env['OTKLIK_DATA_DIR'];
  if (fromEnv) return fromEnv;
  const repoRoot = path.resolve(__dirname, '../../../..');
  return path.resolve(repoRoot, '../shared/data');
}
