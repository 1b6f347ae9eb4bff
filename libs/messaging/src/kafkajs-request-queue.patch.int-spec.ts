import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '../../..');
const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';

/** Connects a kafkajs admin client in a fresh Node process (with or without the patch) and returns what it printed on stderr. */
function connectOnce(patched: boolean): string {
  const script = `
    ${patched ? "require('./libs/messaging/src/kafkajs-request-queue.patch');" : ''}
    const { Kafka, logLevel } = require('kafkajs');
    const admin = new Kafka({ clientId: 'patch-check', brokers: ${JSON.stringify(brokers.split(','))}, logLevel: logLevel.NOTHING }).admin();
    admin.connect().then(() => admin.listTopics()).then(() => admin.disconnect()).then(() => process.exit(0), (e) => { console.error(e.message); process.exit(1); });
  `;
  const run = spawnSync(process.execPath, ['-r', '@swc-node/register', '-e', script], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  expect(run.status).toBe(0);
  return run.stderr;
}

/** kafkajs 2.2.4's negative timer (tulios/kafkajs#1751): Node 24 warns from every client; the patch stops it. */
describe('kafkajs request queue patch (real broker)', () => {
  it('connects without a TimeoutNegativeWarning, which unpatched kafkajs prints', () => {
    expect(connectOnce(false)).toContain('TimeoutNegativeWarning');
    expect(connectOnce(true)).not.toContain('TimeoutNegativeWarning');
  });
});
