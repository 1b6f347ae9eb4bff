import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(__dirname, '../../..');

/** Resident memory of one process in bytes (VmRSS), or 0 when it is gone. */
export function rssOf(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Proportional set size (shared pages split among sharers), so a process tree can be summed. */
function pssOf(pid: number): number {
  try {
    const kb = /Pss:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}

function pidFile(path: string): number | undefined {
  try {
    const pid = Number(readFileSync(path, 'utf8').split('\n')[0].trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function childrenOf(parent: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = /PPid:\s+(\d+)/.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1];
      if (Number(ppid) === parent) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/**
 * Memory of the local infrastructure started by `npm run infra:up` (pid files under .data): the
 * broker's RSS, FerretDB's RSS, and PostgreSQL's postmaster with its backends as summed PSS (its
 * shared buffers would be counted once per backend in RSS).
 */
export function infraMemory(): Record<string, number> {
  const kafka = pidFile(resolve(root, '.data/run/kafka.pid'));
  const ferretdb = pidFile(resolve(root, '.data/run/ferretdb.pid'));
  const postmaster = pidFile(resolve(root, '.data/postgres/postmaster.pid'));
  const postgres = postmaster ? [postmaster, ...childrenOf(postmaster)].reduce((sum, pid) => sum + pssOf(pid), 0) : 0;
  return { kafka: rssOf(kafka), ferretdb: rssOf(ferretdb), postgres };
}

/** CPU seconds (user + system) a process has used so far, its waited-for children included. */
function cpuOf(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    // Fields after the command name (which may hold spaces): utime is 14th, stime 15th, cutime 16th, cstime 17th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return 0;
  }
}

/** CPU seconds used so far by the infrastructure: the broker, FerretDB, and PostgreSQL with every backend. */
export function infraCpu(): Record<string, number> {
  const kafka = pidFile(resolve(root, '.data/run/kafka.pid'));
  const ferretdb = pidFile(resolve(root, '.data/run/ferretdb.pid'));
  const postmaster = pidFile(resolve(root, '.data/postgres/postmaster.pid'));
  const postgres = postmaster ? [postmaster, ...childrenOf(postmaster)].reduce((sum, pid) => sum + cpuOf(pid), 0) : 0;
  return { kafka: cpuOf(kafka), ferretdb: cpuOf(ferretdb), postgres };
}

/** CPU seconds used so far by one process. */
export const processCpu = cpuOf;
