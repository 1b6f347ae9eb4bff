import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../support/stack';

const run = promisify(execFile);
const root = resolve(__dirname, '../..');
const infraScript = join(root, 'deploy/local/infra.sh');

/** A part of the infrastructure the fault program kills. */
export type InfraPart = 'kafka' | 'postgres' | 'ferretdb';

const sleep = (ms: number) => new Promise((wake) => setTimeout(wake, ms));

function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Pids whose parent is `pid` (PostgreSQL's backends and workers). */
function childrenOf(pid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/**
 * A Kafka broker, PostgreSQL and FerretDB of the fault program's own, started by
 * deploy/local/infra.sh with a private data folder and free ports, so killing them disturbs
 * nobody else's infrastructure.
 */
export class PrivateInfra {
  private constructor(
    readonly dir: string,
    readonly ports: { kafka: number; controller: number; postgres: number; ferretdb: number },
  ) {}

  static async create(dir: string): Promise<PrivateInfra> {
    mkdirSync(dir, { recursive: true, mode: 0o755 });
    const ports = { kafka: await freePort(), controller: await freePort(), postgres: await freePort(), ferretdb: await freePort() };
    return new PrivateInfra(dir, ports);
  }

  get brokers(): string {
    return `127.0.0.1:${this.ports.kafka}`;
  }

  get mongoUri(): string {
    return `mongodb://127.0.0.1:${this.ports.ferretdb}/?maxPoolSize=10`;
  }

  private env(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      OTKLIK_DATA_DIR: this.dir,
      OTKLIK_KAFKA_PORT: String(this.ports.kafka),
      OTKLIK_KAFKA_CONTROLLER_PORT: String(this.ports.controller),
      OTKLIK_PG_PORT: String(this.ports.postgres),
      OTKLIK_FERRETDB_PORT: String(this.ports.ferretdb),
      OTKLIK_START_TIMEOUT: process.env.OTKLIK_START_TIMEOUT ?? '300',
      // Six services with a pool of 10 each, and this program: FerretDB's default PostgreSQL pool
      // (50) deadlocks beyond ~25 commands at once (it can hold two connections for one), and
      // the whole stack stalled on it.
      OTKLIK_FERRETDB_PG_POOL: '160',
      OTKLIK_PG_MAX_CONNECTIONS: '200',
    };
    delete env.KAFKA_BROKERS;
    delete env.MONGODB_URI;
    return env;
  }

  private async infra(command: 'up' | 'down'): Promise<string> {
    const { stdout, stderr } = await run('bash', [infraScript, command], { env: this.env(), maxBuffer: 1 << 24 });
    return stdout + stderr;
  }

  /** Starts whatever of the three is not running and waits until each answers. */
  async up(attempts = 4): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.infra('up');
        return;
      } catch (error) {
        // PostgreSQL refuses to start while backends of a killed postmaster still hold its shared memory.
        if (attempt >= attempts) throw error;
        await sleep(3000);
      }
    }
  }

  async down(): Promise<void> {
    await this.infra('down');
  }

  /** The pid of a running part (PostgreSQL: its postmaster). */
  pidOf(part: InfraPart): number | undefined {
    const file = part === 'postgres' ? join(this.dir, 'postgres/postmaster.pid') : join(this.dir, 'run', `${part}.pid`);
    if (!existsSync(file)) return undefined;
    const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 && alive(pid) ? pid : undefined;
  }

  /** SIGKILL to the part (PostgreSQL: the postmaster and every backend at once) and waits until it is gone. */
  async kill(part: InfraPart): Promise<number> {
    const pid = this.pidOf(part);
    if (pid === undefined) throw new Error(`${part} is not running`);
    const victims = part === 'postgres' ? [pid, ...childrenOf(pid)] : [pid];
    for (const victim of victims) {
      try {
        process.kill(victim, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    while (victims.some(alive)) await sleep(100);
    return pid;
  }
}
