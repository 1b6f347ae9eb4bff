/**
 * The fault program: replays real appeals through the whole system while every service, the
 * broker, PostgreSQL and FerretDB are killed with SIGKILL in turn and restarted, then counts what
 * was lost or done twice. Prints a table; exits 1 when a count that must be 0 is not.
 *
 *   npm run chaos -- [--posts 20000] [--rate 40] [--batch 500] [--gap 20] [--vk-every 100] [--settle 900]
 *                    [--faults ingest,kafka,…] [--keep]
 *
 * Runs its own Kafka, PostgreSQL and FerretDB (deploy/local/infra.sh with a private data folder
 * and free ports) under .data/chaos/<run>; nobody else's infrastructure is touched.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { TOPICS } from '@otklik/contracts';
import { DEFAULT_MESSAGING_OPTIONS, EventTap, KafkaConnection } from '@otklik/messaging';
import { SERVICES } from '../support/stack';
import { ChaosWorld, INTAKE_SOURCE, VK_OWNER } from './chaos-world';
import { countEverything, formatCounts, Sent, withDb } from './counts';
import { pipelineLag } from './lag';
import { InfraPart, PrivateInfra } from './private-infra';

const root = resolve(__dirname, '../..');
const sleep = (ms: number) => new Promise((wake) => setTimeout(wake, ms));
const started = Date.now();
const log = (message: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(5)} s] ${message}`);

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}
const OPTIONS = {
  posts: option('posts', 20000),
  rate: option('rate', 40),
  batch: option('batch', 500),
  gapSec: option('gap', 20),
  vkEvery: option('vk-every', 100),
  settleSec: option('settle', 900),
  keep: process.argv.includes('--keep'),
  /** Only these faults (comma-separated names), e.g. `--faults kafka,postgres`. */
  only: (() => {
    const at = process.argv.indexOf('--faults');
    return at >= 0 ? new Set(process.argv[at + 1].split(',')) : undefined;
  })(),
};
const DATA = process.env.OTKLIK_DATA_DIR_SHARED ?? join(process.env.OTKLIK_DATA_ROOT ?? resolve(root, '../shared/data'), 'spb-appeals/dev.jsonl.gz');

interface Appeal {
  id: number;
  text: string;
  submitted_at: string;
}

async function* appeals(): AsyncGenerator<Appeal> {
  const lines = createInterface({ input: createReadStream(DATA).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) {
    const appeal = JSON.parse(line) as Appeal;
    if (appeal.text?.trim()) yield appeal;
  }
}

type Fault = { kind: 'service'; name: (typeof SERVICES)[number] } | { kind: 'infra'; name: InfraPart };
const FAULTS: Fault[] = [
  ...(['ingest', 'classifier', 'router', 'sla-tracker', 'notifier', 'desk'] as const).map((name) => ({ kind: 'service' as const, name })),
  ...(['kafka', 'postgres', 'ferretdb'] as const).map((name) => ({ kind: 'infra' as const, name })),
];

/** Sends the posts through the intake in batches at the given rate; a failed request is sent again as it was. */
async function replay(world: ChaosWorld, sent: Sent, stop: () => boolean): Promise<void> {
  let batch: Record<string, unknown>[] = [];
  let count = 0;
  let vkId = 0;
  const begin = Date.now();
  const flush = async () => {
    for (let attempt = 1; batch.length; attempt++) {
      try {
        const answer = await world.call<{ results: { externalId: string; outcome: string }[] }>('ingest', 'POST', '/v1/posts', batch, 'integration');
        if (answer.status === 200) {
          for (const r of answer.body.results) sent.intake.set(r.externalId, r.outcome);
          break;
        }
        if (answer.status === 400) throw new Error(`intake refused a batch: ${JSON.stringify(answer.body).slice(0, 500)}`);
        if (attempt % 10 === 1) log(`intake answered ${answer.status}; sending the batch again`);
      } catch (error) {
        if ((error as Error).message.startsWith('intake refused')) throw error;
        if (attempt % 10 === 1) log(`intake unreachable (${(error as Error).message}); sending the batch again`);
      }
      await sleep(2000);
    }
    batch = [];
  };
  for await (const appeal of appeals()) {
    if (count >= OPTIONS.posts || stop()) break;
    count++;
    if (OPTIONS.vkEvery > 0 && count % OPTIONS.vkEvery === 0) {
      vkId++;
      world.vk.addPost(VK_OWNER, { id: vkId, date: Math.floor(Date.now() / 1000), from_id: 500000 + vkId, text: appeal.text.slice(0, 4000) });
      sent.vk.add(`${VK_OWNER}_${vkId}`);
    } else {
      batch.push({ sourceId: INTAKE_SOURCE, externalId: `spb-${appeal.id}`, author: { id: `citizen-${appeal.id % 5000}` }, text: appeal.text.slice(0, 4000), createdAt: new Date().toISOString() });
    }
    if (batch.length >= OPTIONS.batch) await flush();
    const ahead = (count / OPTIONS.rate) * 1000 - (Date.now() - begin);
    if (ahead > 0) await sleep(ahead);
    if (count % 2000 === 0) log(`replayed ${count} posts`);
  }
  await flush();
  log(`replay done: ${count} posts`);
}

/** Kills each service, then the broker, PostgreSQL and FerretDB, in turn; restarts each and waits for the whole stack. */
async function faults(world: ChaosWorld, infra: PrivateInfra, record: string[]): Promise<void> {
  for (const fault of FAULTS.filter((f) => !OPTIONS.only || OPTIONS.only.has(f.name))) {
    await sleep(OPTIONS.gapSec * 1000);
    const t0 = Date.now();
    if (fault.kind === 'service') {
      await world.stack.stopService(fault.name, 'SIGKILL');
      log(`killed ${fault.name} (SIGKILL)`);
      await sleep(1000);
      world.stack.spawn(fault.name);
    } else {
      const pid = await infra.kill(fault.name);
      log(`killed ${fault.name} (SIGKILL, pid ${pid})`);
      await sleep(1000);
      await infra.up();
    }
    await awaitStack(world, record);
    const line = `${fault.name}: killed, restarted, whole stack ready again in ${((Date.now() - t0) / 1000).toFixed(1)} s`;
    record.push(line);
    log(line);
  }
}

/** Waits until every service answers ready; a service that died on its own is restarted (as a supervisor would) and noted. */
async function awaitStack(world: ChaosWorld, record: string[]): Promise<void> {
  for (const name of world.exitedOnTheirOwn()) {
    record.push(`${name}: exited on its own, restarted`);
    log(`${name} exited on its own; restarting it`);
    world.stack.spawn(name);
  }
  await Promise.all(SERVICES.map((name) => world.stack.awaitReady(name)));
}

/** Answers, as the agency's clerk, every routed incident of a VK post once (the reply-back goes under that post). */
async function answerVkIncidents(world: ChaosWorld, sent: Sent): Promise<void> {
  const vkPosts = await withDb(world, 'ingest', async (db) =>
    (
      await db
        .collection<{ _id: string; platform: string }>('posts')
        .find({ platform: 'vk' }, { projection: { _id: 1 } })
        .toArray()
    ).map((p) => String(p._id)),
  );
  if (!vkPosts.length) return;
  const incidents = await withDb(world, 'router', (db) =>
    db
      .collection<{ _id: string; agencyId?: string; state: string }>('incidents')
      .find({ postIds: { $in: vkPosts }, state: { $in: ['routed', 'acknowledged'] } }, { projection: { _id: 1, agencyId: 1, state: 1 } })
      .toArray(),
  );
  for (const incident of incidents) {
    const id = String(incident._id);
    if (sent.answered.has(id) || !incident.agencyId) continue;
    const clerk = await world.clerk(incident.agencyId);
    const answer = await clerk.post(`/api/v1/incidents/${id}/answers`, {
      kind: 'final',
      text: 'Проверка проведена 6 декабря: неисправность устранена силами подрядной организации, результат работ принят комиссией района. Благодарим за обращение.',
    });
    if (answer.status < 300) sent.answered.add(id);
  }
}

/** Keeps answering VK incidents until told to stop; errors (a service or the database down) are retried next round. */
function answeringLoop(world: ChaosWorld, sent: Sent): { stop: () => Promise<void> } {
  let running = true;
  const done = (async () => {
    while (running) {
      await answerVkIncidents(world, sent).catch(() => undefined);
      await sleep(5000);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await done;
    },
  };
}

/**
 * Waits until every consumer group has caught up and stayed caught up for two minutes (past the
 * one-minute deadlines and their first escalation), or until nothing more leaves the system
 * (e-mail, webhook calls, reply-backs) for two minutes. Escalation reminders of the last clocks
 * armed run on for hours, so a caught-up pipeline is enough: what those timers send later is not
 * counted. Gives up after --settle seconds; the table then says what was still in flight.
 */
async function settle(world: ChaosWorld, infra: PrivateInfra, sent: Sent): Promise<{ behind: number; deskBehind: number }> {
  const deadline = Date.now() + OPTIONS.settleSec * 1000;
  const mailDir = join(world.workDir, 'mail');
  let last = '';
  let quiet = 0;
  let caughtUp = 0;
  let lag = -1;
  let deskBehind = -1;
  while (Date.now() < deadline) {
    const byGroup = await pipelineLag(infra.brokers, world.stack.topicPrefix).catch(() => undefined);
    // desk is a read-side projection: nothing counted reads it, so its backlog is reported, not awaited.
    lag = byGroup ? Object.entries(byGroup).reduce((sum, [group, behind]) => sum + (group === 'desk' ? 0 : behind), 0) : -1;
    deskBehind = byGroup?.desk ?? -1;
    await answerVkIncidents(world, sent).catch(() => undefined);
    const outputs = JSON.stringify({ mails: readdirSync(mailDir).filter((f) => f.endsWith('.eml')).length, webhooks: world.webhook.calls.length, replies: world.vk.posted.length });
    quiet = lag === 0 && outputs === last ? quiet + 1 : 0;
    caughtUp = lag === 0 && deskBehind === 0 ? caughtUp + 1 : 0;
    last = outputs;
    log(`settling: behind ${JSON.stringify(byGroup ?? 'unknown')}, out ${outputs}`);
    if (quiet >= 6 || caughtUp >= 6) return { behind: 0, deskBehind };
    await sleep(20000);
  }
  log('settling: gave up waiting');
  return { behind: lag, deskBehind };
}

async function main(): Promise<number> {
  const runId = `${new Date().toISOString().slice(0, 16).replace(/[-:T]/g, '')}-${randomBytes(2).toString('hex')}`;
  const dir = resolve(root, '.data/chaos', runId);
  log(`run ${runId}: ${OPTIONS.posts} posts at ${OPTIONS.rate}/s, faults every ${OPTIONS.gapSec} s; files under ${dir}`);
  const infra = await PrivateInfra.create(join(dir, 'infra'));
  const world = new ChaosWorld(join(dir, 'world'));
  const record: string[] = [];
  const sent: Sent = { intake: new Map(), vk: new Set(), answered: new Set() };
  let tap: EventTap | undefined;
  let kafka: KafkaConnection | undefined;
  let stopping = false;
  // Ctrl-C or a kill must not leave a broker, a database or six services behind.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: stopping everything this run started`);
      void shutdown().finally(() => process.exit(130));
    });
  }
  try {
    await infra.up();
    log(`private infrastructure up: kafka ${infra.brokers}, ferretdb ${infra.mongoUri}`);
    process.env.KAFKA_BROKERS = infra.brokers;
    process.env.MONGODB_URI = infra.mongoUri;
    await world.start();
    log(`stack up (logs ${world.stack.logDir})`);

    const answering = answeringLoop(world, sent);
    let faultsDone = false;
    await Promise.all([replay(world, sent, () => false), faults(world, infra, record).finally(() => (faultsDone = true))]);
    log(`replay and faults done (${faultsDone ? 'all faults injected' : ''})`);
    await answering.stop();
    await awaitStack(world, record);
    const { behind, deskBehind } = await settle(world, infra, sent);
    const settledAt = Date.now();

    kafka = new KafkaConnection(
      { ...DEFAULT_MESSAGING_OPTIONS, clientId: 'chaos-tap', groupId: 'chaos-tap', brokers: infra.brokers.split(','), topicPrefix: world.stack.topicPrefix },
      { info: () => undefined, warn: () => undefined, error: () => undefined },
    );
    tap = await EventTap.open(kafka, [TOPICS.postReceived, TOPICS.postDismissed, TOPICS.incidentClassified, TOPICS.incidentRouted, TOPICS.slaArmed, TOPICS.slaBreached, TOPICS.slaMet]);
    for (let seen = -1; seen !== tap.messages.length;) {
      seen = tap.messages.length;
      await sleep(5000);
    }
    log(`read ${tap.messages.length} events back from the log`);
    const counts = await countEverything(world, sent, tap.messages, settledAt);
    counts.unshift(
      { name: 'messages not yet handled when counting began (all but desk)', value: behind, mustBeZero: true, note: behind ? 'loss counts below are not final' : undefined },
      { name: "desk projection's backlog when counting began", value: deskBehind, mustBeZero: false, note: 'read side; nothing counted reads it' },
    );
    console.log(`\nfaults:\n${record.map((r) => `  ${r}`).join('\n')}\n`);
    console.log(formatCounts(counts));
    const failed = counts.filter((c) => c.mustBeZero && c.value !== 0);
    console.log(`\nchaos: ${failed.length ? `${failed.length} count(s) not 0` : 'every must-be-zero count is 0'}; ${((Date.now() - started) / 1000).toFixed(0)} s in all`);
    return failed.length ? 1 : 0;
  } finally {
    await shutdown();
  }

  async function shutdown(): Promise<void> {
    if (stopping) return;
    stopping = true;
    await tap?.close().catch(() => undefined);
    await kafka?.close().catch(() => undefined);
    await world.stop().catch((error: Error) => log(`stopping the stack: ${error.message}`));
    await infra.down().catch((error: Error) => log(`stopping the infrastructure: ${error.message}`));
    if (!OPTIONS.keep) rmSync(join(dir, 'infra'), { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error);
    process.exit(2);
  },
);
