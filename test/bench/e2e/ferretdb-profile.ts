// FerretDB's own CPU profile: Go's pprof from its debug listener, taken while the posts go through.
// FerretDB is most of the CPU a run uses, so where its time goes says most about the database's cost.
// The listener is off by default; the local infrastructure opens it when started with
// OTKLIK_FERRETDB_DEBUG_ADDR (e.g. 127.0.0.1:8089), and the bench reads the same variable.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A profile being taken: resolves to the profile's path, or to why there is none. */
export interface FerretdbProfile {
  readonly done: Promise<{ file?: string; problem?: string }>;
}

/** Starts a CPU profile of `seconds` on FerretDB's debug listener, written to `dir/ferretdb.pprof`. */
export function startFerretdbProfile(dir: string, seconds: number, debugAddress = process.env.OTKLIK_FERRETDB_DEBUG_ADDR): FerretdbProfile {
  if (!debugAddress || debugAddress === '-')
    return { done: Promise.resolve({ problem: 'FerretDB has no debug listener: start the infrastructure with OTKLIK_FERRETDB_DEBUG_ADDR=127.0.0.1:8089 to profile it' }) };
  const done = fetch(`http://${debugAddress}/debug/pprof/profile?seconds=${seconds}`, { signal: AbortSignal.timeout((seconds + 30) * 1000) })
    .then(async (response) => {
      if (!response.ok) return { problem: `FerretDB's debug listener answered ${response.status}` };
      const file = join(dir, 'ferretdb.pprof');
      writeFileSync(file, Buffer.from(await response.arrayBuffer()));
      return { file };
    })
    .catch((error: Error) => ({ problem: `FerretDB's profile: ${error.message}` }));
  return { done };
}

/**
 * The profile's top functions by flat and by cumulative time, as `go tool pprof` prints them
 * (Go's profiles carry their symbols, so the binary is not needed).
 */
export function summariseFerretdbProfile(file: string, lines = 25): string[] {
  const top = (sort: string) =>
    execFileSync('go', ['tool', 'pprof', '-top', `-nodecount=${lines}`, sort, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .trimEnd()
      .split('\n');
  return ['by own time:', ...top('-flat'), 'by cumulative time (the function and what it calls):', ...top('-cum')];
}
