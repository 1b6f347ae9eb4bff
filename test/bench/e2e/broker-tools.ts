import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** What Kafka's own performance tools measured. */
export interface BrokerFigures {
  producerPerSec: number;
  producerLine: string;
  consumerPerSec: number;
  consumerLine: string;
}

const root = resolve(__dirname, '../../..');

/** Kafka's jars as the local scripts cache them (deploy/local/lib/kafka.sh). */
export function kafkaLibs(): string {
  const dir = resolve(process.env.OTKLIK_CACHE_DIR ?? resolve(root, '.data/cache'), 'kafka-libs');
  if (!existsSync(dir)) throw new Error(`no Kafka jars in ${dir}: run npm run infra:up once (or pass --skip-broker-tools)`);
  return dir;
}

function run(args: string[]): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn('java', ['-Xmx512m', '-cp', `${kafkaLibs()}/*`, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('error', fail);
    child.once('exit', (code) => (code === 0 ? done(out) : fail(new Error(`${args[0]} exited ${code}: ${out.slice(-2000)}`))));
  });
}

/**
 * ProducerPerformance (acks=all, idempotent, linger 5 ms, as the services' producer) then
 * ConsumerPerformance on one topic of `partitions` partitions, `records` records of `recordSize` bytes.
 */
export async function brokerTools(brokers: string, topic: string, records: number, recordSize: number): Promise<BrokerFigures> {
  const produced = await run([
    'org.apache.kafka.tools.ProducerPerformance',
    '--topic',
    topic,
    '--num-records',
    String(records),
    '--record-size',
    String(recordSize),
    // One --command-property with every property: a repeated flag keeps only its last list.
    '--throughput',
    '-1',
    '--bootstrap-server',
    brokers,
    '--command-property',
    'acks=all',
    'enable.idempotence=true',
    'linger.ms=5',
  ]);
  const producerLine =
    produced
      .trim()
      .split('\n')
      .filter((l) => l.includes('records sent'))
      .pop() ??
    produced.trim().split('\n').pop() ??
    '';
  const consumed = await run(['org.apache.kafka.tools.ConsumerPerformance', '--bootstrap-server', brokers, '--topic', topic, '--num-records', String(records), '--group', `${topic}.perf-consumer`]);
  // Header: start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
  const lines = consumed.trim().split('\n');
  const header = lines.findIndex((l) => l.includes('nMsg.sec'));
  const values = (lines[header + 1] ?? '').split(',').map((v) => v.trim());
  return {
    producerPerSec: Number(/([\d.]+) records\/sec/.exec(producerLine)?.[1] ?? Number.NaN),
    producerLine,
    consumerPerSec: Number(values[9] ?? Number.NaN),
    consumerLine: `${values[4]} records in ${values[7]} ms of fetching: ${values[9]} records/s (${values[8]} MB/s); with the group join ${values[5]} records/s`,
  };
}
