import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, WriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import mongoose from 'mongoose';
import { deleteTopicsWithPrefix } from '@otklik/messaging';
import { TEST_AUTH_KEYS } from '@otklik/testing';

const root = resolve(__dirname, '../..');

/** The six services, in the order they are started (consumers before producers). */
export const SERVICES = ['desk', 'sla-tracker', 'notifier', 'router', 'classifier', 'ingest'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** What a whole-stack run shares: one topic prefix, one database per service. */
export interface StackOptions {
  /** Labels the run's topics, databases and log folder. */
  label: string;
  /** Extra environment per service (on top of the common one). */
  env?: Partial<Record<ServiceName, NodeJS.ProcessEnv>>;
  /** Environment every service gets. */
  commonEnv?: NodeJS.ProcessEnv;
  /** Milliseconds to wait for each service's readiness. */
  readyTimeoutMs?: number;
  /** The services to start (all six when absent), for a test that needs only some of them. */
  services?: readonly ServiceName[];
}

/** One service process of a stack. */
export interface RunningService {
  name: ServiceName;
  url: string;
  port: number;
  database: string;
  process: ChildProcess;
  exited: Promise<number | string>;
}

/** Asks the kernel for a free loopback port. */
export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

async function ready(url: string, child: RunningService, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited: number | string | undefined;
  void child.exited.then((code) => (exited = code));
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (exited !== undefined) throw new Error(`${child.name} exited (${exited}) before it was ready; see its log`);
    try {
      const response = await fetch(`${url}/health/ready`);
      if (response.ok) return;
      last = `${response.status} ${(await response.text()).slice(0, 300)}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((wake) => setTimeout(wake, 250));
  }
  throw new Error(`${child.name} not ready in ${timeoutMs} ms: ${last}`);
}

/**
 * The whole system as separate processes, started the way `npm start` starts them
 * (`node -r @swc-node/register apps/<service>/src/main.ts`), on the running broker and database,
 * isolated from every other run by a topic prefix and databases of its own. Logs go to
 * `.data/stack-logs/<label>/<service>.log`.
 */
export class Stack {
  readonly id: string;
  readonly topicPrefix: string;
  readonly brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
  readonly mongoUri = process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/?maxPoolSize=10';
  readonly logDir: string;
  readonly services = new Map<ServiceName, RunningService>();
  private readonly ports = new Map<ServiceName, number>();
  private readonly logs = new Map<ServiceName, WriteStream>();

  constructor(private readonly options: StackOptions) {
    this.id = `${options.label}-${randomBytes(3).toString('hex')}`;
    this.topicPrefix = `t-${this.id}.`;
    this.logDir = resolve(root, '.data/stack-logs', this.id);
  }

  /** Database of one service in this run. */
  database(name: ServiceName): string {
    return `otklik_${this.id.replace(/-/g, '_')}_${name.replace(/-/g, '_')}`.slice(0, 60);
  }

  /** Base URL of a service (its port is chosen before anything starts, so services can name each other). */
  url(name: ServiceName): string {
    return `http://127.0.0.1:${this.port(name)}`;
  }

  private port(name: ServiceName): number {
    const port = this.ports.get(name);
    if (port === undefined) throw new Error(`no port chosen for ${name}: call allocatePorts() first`);
    return port;
  }

  /** Chooses every service's port; done once, before the first start. */
  async allocatePorts(): Promise<void> {
    for (const name of SERVICES) if (!this.ports.has(name)) this.ports.set(name, await freePort());
  }

  /** The environment one service is started with. */
  envOf(name: ServiceName): NodeJS.ProcessEnv {
    return {
      ...process.env,
      KAFKA_BROKERS: this.brokers,
      KAFKA_TOPIC_PREFIX: this.topicPrefix,
      MONGODB_URI: this.mongoUri,
      MONGODB_DB: this.database(name),
      LOG_LEVEL: 'info',
      OTKLIK_AUTH_KEYS: process.env.OTKLIK_AUTH_KEYS ?? TEST_AUTH_KEYS,
      HOST: '127.0.0.1',
      PORT: String(this.port(name)),
      DESK_ROUTER_URL: this.url('router'),
      DESK_INGEST_URL: this.url('ingest'),
      NOTIFIER_DESK_URL: this.url('desk'),
      ...this.options.commonEnv,
      ...this.options.env?.[name],
    };
  }

  /** Starts every service (or those the options name) and resolves once each answers `/health/ready`. */
  async start(): Promise<void> {
    mkdirSync(this.logDir, { recursive: true });
    await this.allocatePorts();
    const names = this.options.services ?? SERVICES;
    for (const name of names) this.spawn(name);
    await Promise.all(names.map((name) => this.awaitReady(name)));
  }

  /** Starts one service process (again, after a kill) without waiting for it. */
  spawn(name: ServiceName): RunningService {
    const log = this.logs.get(name) ?? createWriteStream(resolve(this.logDir, `${name}.log`), { flags: 'a' });
    this.logs.set(name, log);
    const child = spawn(process.execPath, ['-r', '@swc-node/register', `apps/${name}/src/main.ts`], {
      cwd: root,
      env: this.envOf(name),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
    const exited = new Promise<number | string>((done) => child.once('exit', (code, signal) => done(code ?? signal ?? 'unknown')));
    // A run that ends without stop() (a crash, Ctrl-C) must not leave services behind.
    const orphanGuard = () => child.kill('SIGKILL');
    process.once('exit', orphanGuard);
    void exited.then(() => process.off('exit', orphanGuard));
    const running: RunningService = { name, url: this.url(name), port: this.port(name), database: this.database(name), process: child, exited };
    this.services.set(name, running);
    return running;
  }

  /** Resolves once the service answers its readiness probe. */
  async awaitReady(name: ServiceName): Promise<void> {
    const service = this.services.get(name);
    if (!service) throw new Error(`${name} was not started`);
    await ready(service.url, service, this.options.readyTimeoutMs ?? 300000);
  }

  /** Ends a service with a signal and waits for the process to go. */
  async stopService(name: ServiceName, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | string | undefined> {
    const service = this.services.get(name);
    if (!service || service.process.exitCode !== null || service.process.signalCode !== null) return undefined;
    service.process.kill(signal);
    return service.exited;
  }

  /** Stops every service (gracefully, killed after 30 s). */
  async stop(): Promise<void> {
    await Promise.all(
      [...this.services.keys()].map(async (name) => {
        const timer = setTimeout(() => this.services.get(name)?.process.kill('SIGKILL'), 30000);
        await this.stopService(name);
        clearTimeout(timer);
      }),
    );
    for (const log of this.logs.values()) log.end();
  }

  /** Drops every database of the run and deletes its topics and consumer groups. */
  async cleanup(): Promise<void> {
    // Kept for a look after a failure: OTKLIK_KEEP_STACK_DATA=1.
    if (process.env.OTKLIK_KEEP_STACK_DATA === '1') return;
    for (const name of SERVICES) {
      const connection = await mongoose.createConnection(this.mongoUri, { dbName: this.database(name), maxPoolSize: 2 }).asPromise();
      try {
        await connection.dropDatabase();
      } finally {
        await connection.close();
      }
    }
    await deleteTopicsWithPrefix(this.brokers.split(','), this.topicPrefix);
  }
}
