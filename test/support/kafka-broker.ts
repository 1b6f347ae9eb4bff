import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');
const libs = join(process.env.OTKLIK_CACHE_DIR ?? join(root, '.data/cache'), 'kafka-libs', '*');
const log4j = join(root, 'deploy/local/kafka/log4j2.properties');

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
    server.on('error', fail);
  });
}

/**
 * A Kafka broker of a test's own (same jars as the local infrastructure, other ports and data),
 * for tests that stop and start the broker without disturbing anyone else's.
 */
export class PrivateKafkaBroker {
  private process?: ChildProcess;

  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly config: string,
  ) {}

  /** `host:port` for KAFKA_BROKERS. */
  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Writes the config and formats storage; `start` runs it. */
  static async create(): Promise<PrivateKafkaBroker> {
    const [port, controller] = [await freePort(), await freePort()];
    const dir = mkdtempSync(join(tmpdir(), 'otklik-kafka-'));
    mkdirSync(join(dir, 'logs'));
    const config = join(dir, 'server.properties');
    writeFileSync(
      config,
      [
        'process.roles=broker,controller',
        'node.id=1',
        `controller.quorum.voters=1@127.0.0.1:${controller}`,
        `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controller}`,
        `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
        'inter.broker.listener.name=PLAINTEXT',
        'controller.listener.names=CONTROLLER',
        'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
        `log.dirs=${join(dir, 'logs')}`,
        'offsets.topic.replication.factor=1',
        'transaction.state.log.replication.factor=1',
        'transaction.state.log.min.isr=1',
        'share.coordinator.state.topic.replication.factor=1',
        'share.coordinator.state.topic.min.isr=1',
        'group.initial.rebalance.delay.ms=0',
        '',
      ].join('\n'),
    );
    const clusterId = randomBytes(16).toString('base64url').replace(/^-/, 'A');
    execFileSync('java', ['-cp', libs, 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', config, '--ignore-formatted'], { stdio: 'ignore' });
    return new PrivateKafkaBroker(dir, port, config);
  }

  /** Launches the broker; returns once the JVM says the server started. */
  async start(timeoutMs = 60000): Promise<void> {
    const child = spawn('java', ['-Xmx256m', '-XX:TieredStopAtLevel=1', `-Dlog4j2.configurationFile=${log4j}`, '-cp', libs, 'kafka.Kafka', this.config], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.process = child;
    let output = '';
    await new Promise<void>((ready, fail) => {
      const timer = setTimeout(() => fail(new Error(`private broker not started in ${timeoutMs} ms:\n${output.slice(-2000)}`)), timeoutMs);
      const watch = (chunk: Buffer) => {
        output = (output + chunk.toString()).slice(-20000);
        if (output.includes('Kafka Server started')) {
          clearTimeout(timer);
          ready();
        }
      };
      child.stdout?.on('data', watch);
      child.stderr?.on('data', watch);
      child.once('exit', (code) => {
        clearTimeout(timer);
        fail(new Error(`private broker exited (${code}):\n${output.slice(-2000)}`));
      });
    });
  }

  /** Stops the broker (SIGTERM) and waits for the process to end. */
  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    await exited;
    this.process = undefined;
  }

  /** Stops it and deletes its data. */
  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
