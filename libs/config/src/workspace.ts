import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The workspace root (the folder holding nx.json), searched upwards from `from`. Works from the
 * sources, from a build under dist/ and in the container image, which keeps nx.json at its root.
 */
export function findWorkspaceRoot(from: string = __dirname): string | undefined {
  for (let dir = resolve(from); dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
  }
  return undefined;
}

/**
 * The shared data sets (appeals, calendars, region lists) that specs, scripts and benchmarks read
 * at run time and the repository never holds: `OTKLIK_DATA_DIR`, else `<workspace>/../shared/data`.
 */
export function sharedDataDir(): string {
  const fromEnv = process.env['OTKLIK_DATA_DIR'];
  if (fromEnv) return resolve(fromEnv);
  return resolve(findWorkspaceRoot() ?? process.cwd(), '../shared/data');
}
