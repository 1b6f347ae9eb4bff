import { ChildProcess, spawn } from 'node:child_process';
import mongoose from 'mongoose';
import { createServer } from 'node:net';
import { waitFor } from '@otklik/testing';
import { findWorkspaceRoot } from '@otklik/config';

/** A free port on loopback, for a service that listens on PORT. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningService {
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * Runs the sla-tracker service as its own process on the same topic prefix as the test, with its
 * own database: desk meets it only through Kafka, as in production.
 */
export function startSlaTracker(env: { topicPrefix: string; database: string }): Promise<RunningService> {
  return startServiceProcess('sla-tracker', env);
}

/**
 * Runs another Otklik service as its own process on the test's topic prefix, with its own database
 * and any extra environment; resolves once it is ready.
 */
export async function startServiceProcess(service: 'sla-tracker' | 'ingest', env: { topicPrefix: string; database: string; port?: number; extra?: NodeJS.ProcessEnv }): Promise<RunningService> {
  const root = findWorkspaceRoot(__dirname) ?? process.cwd();
  const port = env.port ?? (await freePort());
  // The same Node that runs the tests (the workspace's Node 24), without npx in between, so the
  // signal that stops it reaches the service itself.
  const child: ChildProcess = spawn(process.execPath, ['-r', '@swc-node/register', `apps/${service}/src/main.ts`], {
    cwd: root,
    env: { ...process.env, KAFKA_TOPIC_PREFIX: env.topicPrefix, MONGODB_DB: env.database, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env.extra },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitFor(
      `${service} to be ready`,
      async () => {
        if (child.exitCode !== null) throw new Error(`${service} exited with ${child.exitCode}: ${stderr}`);
        return fetch(`${baseUrl}/health/ready`).then(
          (r) => r.ok,
          () => false,
        );
      },
      240_000,
      500,
    );
  } catch (error) {
    child.kill('SIGTERM');
    throw new Error(`${(error as Error).message}\n${stderr}`);
  }
  return {
    baseUrl,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Drops the database a child service used (the test's own one is dropped by its infra). */
export async function dropDatabase(mongoUri: string, database: string): Promise<void> {
  const connection = await mongoose.createConnection(mongoUri, { dbName: database, maxPoolSize: 2 }).asPromise();
  try {
    await connection.dropDatabase();
  } finally {
    await connection.close();
  }
}
