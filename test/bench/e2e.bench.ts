/**
 * End-to-end benchmark: the six services as processes (as `npm start` runs them) on the running
 * broker and database, fed real St Petersburg appeal texts through ingest's HTTP intake, flat out
 * or at a fixed rate. Prints throughput through to the armed SLA clock, per-post latency from
 * `post.received` to `incident.classified`, `incident.routed` and `sla.armed`, consumer lag per
 * group, memory per process, and Kafka's own producer/consumer performance on the same machine.
 *
 *   npm run bench:e2e -- [--posts 20000] [--rate 0] [--minutes M] [--skip-broker-tools] [--cpu-prof <dir>]
 *
 *   --posts N          posts to send (default 20,000; with --minutes, rate × minutes)
 *   --rate R           posts per second, open loop; 0 = flat out (default)
 *   --minutes M        soak at --rate for M minutes, printing lag and memory each interval
 *   --skip-broker-tools  do not run ProducerPerformance / ConsumerPerformance
 *   --cpu-prof <dir>   V8 CPU profile of every service (NODE_OPTIONS=--cpu-prof), summarised at the end,
 *                      and FerretDB's Go profile for --ferretdb-prof-seconds (default 60) from the first post
 *                      sent, when the infrastructure runs with OTKLIK_FERRETDB_DEBUG_ADDR
 *   --log-level L      the services' log level (default warn: per-post info lines are not the subject)
 *   --clock-collections N  SLA_CLOCK_COLLECTIONS of the fresh sla-tracker database (default 16)
 *   --concurrency N    KAFKA_CONCURRENCY of every service (default: the services' own, 64)
 *   --max-wait S       after the last post is sent, wait at most S seconds for the rest to come out (default 1800)
 *   --ingest-only      start ingest alone and measure the intake: posts accepted over HTTP and
 *                      their `post.received` at the broker (what the outbox relay published)
 */
import { mkdirSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { TOPICS } from '@otklik/contracts';
import { DEFAULT_MESSAGING_OPTIONS, KafkaConnection } from '@otklik/messaging';
import { authHeader } from '@otklik/testing';
import { SERVICES, ServiceName, Stack } from '../support/stack';
import { postOf, readAppeals } from './e2e/appeal-posts';
import { brokerTools, BrokerFigures } from './e2e/broker-tools';
import { formatLag, Lag, LagProbe, WatchedGroup } from './e2e/lag';
import { infraCpu, infraMemory, processCpu, rssOf } from './e2e/memory';
import { databaseScans } from './e2e/database-scans';
import { drive } from './e2e/post-driver';
import { HOPS, PipelineClock, Sample } from './e2e/pipeline-clock';
import { profilesIn, summariseProfile } from './e2e/profile-summary';
import { FerretdbProfile, startFerretdbProfile, summariseFerretdbProfile } from './e2e/ferretdb-profile';
import { mb, percentiles } from './e2e/stats';

/** `--name value` / `--name=value` / `--flag`. */
function cliOptions(argv: readonly string[]): Record<string, string | undefined> {
  const options: Record<string, string | undefined> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) continue;
    const eq = arg.indexOf('=');
    if (eq > 0) options[arg.slice(2, eq)] = arg.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) options[arg.slice(2)] = argv[++i];
    else options[arg.slice(2)] = 'true';
  }
  return options;
}

const sleep = (ms: number) => new Promise((wake) => setTimeout(wake, ms));
const perSec = (n: number, ms: number) => (ms > 0 ? (n * 1000) / ms : 0);

/** Memory of each service process and of the infrastructure, in bytes. */
function memory(stack: Stack): Record<string, number> {
  const services = Object.fromEntries(SERVICES.map((name) => [name, rssOf(stack.services.get(name)?.process.pid)]));
  return { ...services, ...infraMemory() };
}
/** CPU seconds used so far by each service process and by the infrastructure. */
function cpu(stack: Stack): Record<string, number> {
  return { ...Object.fromEntries(SERVICES.map((name) => [name, processCpu(stack.services.get(name)?.process.pid)])), ...infraCpu() };
}
const total = (m: Record<string, number>) => Object.values(m).reduce((a, b) => a + b, 0);

/** The pipeline topics each service's group reads (the desk reads every topic). */
function watchedGroups(prefix: string): Record<string, WatchedGroup> {
  const reads: Partial<Record<ServiceName, string[]>> = {
    classifier: [TOPICS.postReceived],
    router: [TOPICS.incidentClassified],
    'sla-tracker': [TOPICS.incidentRouted, TOPICS.incidentStateChanged],
    notifier: [TOPICS.postReceived, TOPICS.incidentRouted],
    desk: [TOPICS.postReceived, TOPICS.incidentClassified, TOPICS.postDismissed, TOPICS.incidentRouted, TOPICS.incidentStateChanged, TOPICS.slaArmed],
  };
  return Object.fromEntries(Object.entries(reads).map(([name, topics]) => [name, { groupId: `${prefix}otklik.${name}`, topics: (topics ?? []).map((t) => `${prefix}${t}`) }]));
}

/** A counter of a service's Prometheus page, summed over the label sets that match. */
async function scrape(url: string, metric: string, labels = ''): Promise<number> {
  const text = await (await fetch(`${url}/metrics`, { headers: authHeader({ role: 'admin' }) })).text();
  let sum = 0;
  for (const line of text.split('\n')) if (line.startsWith(metric) && line.includes(labels)) sum += Number(line.split(' ').pop());
  return sum;
}

function latencyLines(samples: Sample[]): string[] {
  return HOPS.map((hop) => `  post.received → ${hop.padEnd(10)} ${percentiles(samples.map((s) => s[hop]))}`);
}

async function main(): Promise<void> {
  const options = cliOptions(process.argv.slice(2));
  const rate = Number(options.rate ?? 0);
  const minutes = options.minutes ? Number(options.minutes) : undefined;
  if (minutes && rate <= 0) throw new Error('--minutes needs a fixed --rate');
  const posts = minutes ? Math.round(rate * 60 * minutes) : Number(options.posts ?? 20000);
  const appeals = readAppeals();
  const profileDir = options['cpu-prof'] ? resolve(options['cpu-prof']) : undefined;
  const ingestOnly = options['ingest-only'] !== undefined;
  const maxWaitMs = Number(options['max-wait'] ?? 1800) * 1000;

  const stack = new Stack({
    label: 'bench',
    readyTimeoutMs: 300_000,
    commonEnv: {
      LOG_LEVEL: options['log-level'] ?? 'warn',
      ...(options.concurrency && { KAFKA_CONCURRENCY: options.concurrency }),
      ...(profileDir && { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${resolve(profileDir)}` }),
    },
    env: {
      ingest: { INGEST_PSEUDONYM_KEY: 'bench-pseudonym-key-0123456789abcdef' },
      'sla-tracker': { SLA_CLOCK_COLLECTIONS: options['clock-collections'] ?? '16' },
    },
  });
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const kafka = new KafkaConnection(
    { ...DEFAULT_MESSAGING_OPTIONS, clientId: 'bench-e2e', groupId: 'bench-e2e', brokers: stack.brokers.split(','), topicPrefix: stack.topicPrefix },
    { info: () => undefined, warn: () => undefined, error: () => undefined },
  );
  const clock = new PipelineClock();
  const lag = new LagProbe(kafka, watchedGroups(stack.topicPrefix));
  let broker: BrokerFigures | undefined;
  // Interrupted (Ctrl-C, a timeout): stop the services and drop the run's databases and topics.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`${signal}: stopping the stack and cleaning up`);
      void stack
        .stop()
        .then(() => stack.cleanup())
        .finally(() => process.exit(130));
    });
  }
  try {
    const startedBoot = Date.now();
    if (ingestOnly) {
      mkdirSync(stack.logDir, { recursive: true });
      await stack.allocatePorts();
      stack.spawn('ingest');
      await stack.awaitReady('ingest');
    } else {
      await stack.start();
    }
    console.log(`stack ${stack.id} ready in ${((Date.now() - startedBoot) / 1000).toFixed(0)} s; logs in ${stack.logDir}`);
    const source = { id: 'bench-intake', platform: 'intake', kind: 'intake', name: 'Бенчмарк', territoryCode: '40000000', pollIntervalSec: 60, queries: [], enabled: true };
    const created = await fetch(`${stack.url('ingest')}/v1/sources`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authHeader({ role: 'admin' }) },
      body: JSON.stringify(source),
    });
    if (created.status !== 201) throw new Error(`source: ${created.status} ${await created.text()}`);
    await clock.open(kafka);

    const lagSamples: { at: number; lag: Lag; rss: Record<string, number> }[] = [];
    const report = async (label: string) => {
      const current = await lag.read();
      const rss = memory(stack);
      lagSamples.push({ at: Date.now(), lag: current, rss });
      const c = clock.counts;
      console.log(`${label} received ${c.received}, classified ${c.classified}, dismissed ${c.dismissed}, routed ${c.routed}, armed ${c.armed}; lag ${formatLag(current)}; RSS ${mb(total(rss))}`);
    };
    const t0 = Date.now();
    const interval = minutes ? (minutes >= 5 ? 60_000 : 15_000) : 10_000;
    let sent = 0;
    const ticker = setInterval(() => void report(`[${((Date.now() - t0) / 1000).toFixed(0)} s] sent ${sent},`).catch((e: Error) => console.error(e.message)), interval);
    const run = `b${Date.now().toString(36)}`;
    const cpuBefore = cpu(stack);
    const ferretdbProfile: FerretdbProfile | undefined = profileDir ? startFerretdbProfile(profileDir, Number(options['ferretdb-prof-seconds'] ?? 60)) : undefined;
    const driven = await drive(stack.url('ingest'), posts, rate, (n) => postOf(appeals, run, source.id, n), { onProgress: (n) => (sent = n) });

    // Wait until every received post has come out the other end: dismissed, armed, or joined an open incident.
    // A post the router joined to an open incident has no event of its own: the router counts it.
    let linkedSeen = 0;
    const linked = async () => (linkedSeen = await scrape(stack.url('router'), 'otklik_router_posts_total', 'outcome="linked"').catch(() => linkedSeen));
    let last = -1;
    let lastChange = Date.now();
    let finishedAt = Date.now();
    for (;;) {
      const done = ingestOnly ? clock.published : clock.out + (await linked());
      if (done !== last) {
        last = done;
        lastChange = Date.now();
        finishedAt = Date.now();
      }
      if (done >= driven.received) break;
      if (Date.now() - lastChange > 120_000 || Date.now() - driven.finishedAt > maxWaitMs) {
        console.log(
          `${Date.now() - lastChange > 120_000 ? 'no progress for 120 s' : `still going ${maxWaitMs / 1000} s after the last post was sent`}: ${done} of ${driven.received} came out; stopping the wait`,
        );
        break;
      }
      await sleep(200);
    }
    clearInterval(ticker);
    await report('[end]');
    const joined = ingestOnly ? 0 : await linked();
    const endMemory = memory(stack);
    const cpuAfter = cpu(stack);
    const cpuUsed = Object.fromEntries(Object.keys(cpuAfter).map((n) => [n, cpuAfter[n] - (cpuBefore[n] ?? 0)]));
    const brokerMessages = await lag.messagesUnder(stack.topicPrefix);

    const elapsed = finishedAt - driven.startedAt;
    const steady = clock.samples.filter((s) => s.at >= driven.startedAt + (driven.finishedAt - driven.startedAt) * 0.1);
    console.log('');
    console.log(
      `=== Otklik end to end: ${new Date().toISOString()}, ${availableParallelism()} cores, load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}, Node ${process.version}`,
    );
    console.log(
      `posts: ${posts} real SPb appeal texts, ${rate > 0 ? `${rate} posts/s offered (open loop)` : 'flat out (batches of 1,000, 4 requests open)'}, services at LOG_LEVEL=${options['log-level'] ?? 'warn'}, KAFKA_CONCURRENCY=${options.concurrency ?? 'default'}, SLA_CLOCK_COLLECTIONS=${options['clock-collections'] ?? '16'}`,
    );
    console.log(
      `intake: ${posts} posts sent in ${((driven.finishedAt - driven.startedAt) / 1000).toFixed(1)} s = ${perSec(posts, driven.finishedAt - driven.startedAt).toFixed(0)} posts/s accepted; request ${percentiles(driven.requestMs)}; outcomes ${JSON.stringify(driven.outcomes)}${driven.late ? `; ${driven.late} batches late (64 requests open)` : ''}`,
    );
    console.log(
      `events seen (with redeliveries): received ${clock.counts.received}, dismissed ${clock.counts.dismissed}, classified ${clock.counts.classified}, routed ${clock.counts.routed}, armed ${clock.counts.armed}; distinct posts out: ${clock.out} armed or dismissed, ${joined} joined an open incident`,
    );
    if (ingestOnly)
      console.log(
        `INGEST ALONE: ${perSec(clock.published, elapsed).toFixed(0)} posts/s from the first request to the last post.received at the broker (${clock.published} posts in ${(elapsed / 1000).toFixed(1)} s)`,
      );
    else
      console.log(
        `END TO END: ${perSec(clock.out + joined, elapsed).toFixed(0)} posts/s through to the armed clock (first post sent → last post out, ${(elapsed / 1000).toFixed(1)} s); ${perSec(clock.counts.armed, elapsed).toFixed(0)} clocks armed/s`,
      );
    console.log('latency, every post armed (post.received occurredAt → the event at the broker):');
    for (const line of latencyLines(clock.samples)) console.log(line);
    console.log('latency after the first 10 % of the sending time:');
    for (const line of latencyLines(steady)) console.log(line);
    const maxLag = Object.fromEntries(Object.keys(lagSamples[0]?.lag ?? {}).map((name) => [name, Math.max(0, ...lagSamples.map((s) => s.lag[name] ?? 0))]));
    console.log(`consumer lag, largest seen: ${formatLag(maxLag)}`);
    console.log(
      `broker carried ${brokerMessages} messages on the run's topics (${(brokerMessages / Math.max(1, clock.counts.received)).toFixed(1)} per post): ${perSec(brokerMessages, elapsed).toFixed(0)} messages/s`,
    );
    console.log(
      `RSS at the end: ${Object.entries(endMemory)
        .map(([n, b]) => `${n} ${mb(b)}`)
        .join(', ')}; whole stack ${mb(total(endMemory))} (postgres as PSS of all its processes)`,
    );
    const cpuTotal = total(cpuUsed);
    console.log(
      `CPU used while the posts went through (${cpuTotal.toFixed(0)} s in ${(elapsed / 1000).toFixed(0)} s on ${availableParallelism()} cores; the infrastructure is shared with anything else using it): ${Object.entries(
        cpuUsed,
      )
        .sort((a, b) => b[1] - a[1])
        .map(([n, sec]) => `${n} ${sec.toFixed(1)} s (${((100 * sec) / Math.max(0.001, cpuTotal)).toFixed(0)} %)`)
        .join(', ')}`,
    );
    const scans = databaseScans(`otklik_${stack.id.replace(/-/g, '_')}_`);
    if (scans.length > 0) {
      console.log('database: sequential scans per collection (PostgreSQL counters under FerretDB; a keyed query or update it cannot push down reads the whole table):');
      for (const t of scans)
        console.log(`  ${t.table.padEnd(40)} ${String(t.scans).padStart(7)} scans ${String(t.rowsRead).padStart(11)} rows read   ${t.inserted} inserted, ${t.updated} updated, ${t.rows} rows`);
    }
    if (minutes) soakSummary(lagSamples);

    await clock.close();
    // Profiles are written on a clean exit: upstream first, each given time to finish its batch.
    for (const name of profileDir ? [...SERVICES].reverse() : []) {
      const timer = setTimeout(() => stack.services.get(name)?.process.kill('SIGKILL'), 30_000);
      await stack.stopService(name);
      clearTimeout(timer);
    }
    await stack.stop();
    if (!options['skip-broker-tools']) {
      const recordSize = Math.round(clock.receivedBytes / Math.max(1, clock.counts.received));
      const topic = `${stack.topicPrefix}broker-perf`;
      const admin = kafka.kafka.admin();
      await admin.connect();
      await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 1 }], waitForLeaders: true });
      await admin.disconnect();
      broker = await brokerTools(stack.brokers, topic, 300_000, recordSize);
      console.log(`broker's own tools, same machine, after the stack stopped (300,000 records of ${recordSize} B = the run's average post.received, 3 partitions):`);
      console.log(`  ProducerPerformance (acks=all, idempotent, linger 5 ms): ${broker.producerLine}`);
      console.log(`  ConsumerPerformance: ${broker.consumerLine}`);
      const e2e = perSec(clock.out + joined, elapsed);
      console.log(
        `  ratio: end to end ${e2e.toFixed(0)} posts/s = ${((100 * e2e) / broker.producerPerSec).toFixed(2)} % of the raw producer's records/s; the run's ${perSec(brokerMessages, elapsed).toFixed(0)} messages/s = ${((100 * perSec(brokerMessages, elapsed)) / broker.producerPerSec).toFixed(2)} %`,
      );
    }
    if (ferretdbProfile) {
      const { file, problem } = await ferretdbProfile.done;
      if (file) console.log(`CPU profile of FerretDB, from the first post sent: ${file}`);
      for (const line of file ? summariseFerretdbProfile(file) : [problem]) console.log(`  ${line}`);
    }
    if (profileDir) {
      const pids = new Map(SERVICES.map((name) => [stack.services.get(name)?.process.pid, name]));
      for (const file of profilesIn(profileDir)) {
        const pid = Number(/\.(\d+)\.(\d+)\.\d+\.cpuprofile$/.exec(file)?.[1]);
        const thread = Number(/\.(\d+)\.(\d+)\.\d+\.cpuprofile$/.exec(file)?.[2]);
        const name: ServiceName | undefined = pids.get(pid);
        if (!name) continue;
        console.log(`CPU profile of ${name}${thread > 0 ? ` (worker thread ${thread})` : ''}, from the first post sent: ${file}`);
        for (const line of summariseProfile(file, thread > 0 ? 0 : driven.startedAt - startedBoot)) console.log(`  ${line}`);
      }
    }
  } finally {
    await clock.close().catch(() => undefined);
    await lag.close().catch(() => undefined);
    await stack.stop().catch(() => undefined);
    await kafka.close().catch(() => undefined);
    if (!options['keep']) await stack.cleanup().catch((error: Error) => console.error(`cleanup: ${error.message}`));
  }
}

/** Lag and memory minute by minute, and how they moved from the first full minute to the end. */
function soakSummary(samples: { at: number; lag: Lag; rss: Record<string, number> }[]): void {
  console.log('soak, per minute: lag (sum over groups), RSS of the whole stack');
  for (const s of samples) console.log(`  ${new Date(s.at).toISOString().slice(11, 19)}  lag ${total(s.lag)}  (${formatLag(s.lag)})  RSS ${mb(total(s.rss))}`);
  const first = samples[Math.min(1, samples.length - 1)];
  const last = samples[samples.length - 1];
  if (!first || !last) return;
  const growth = (100 * (total(last.rss) - total(first.rss))) / Math.max(1, total(first.rss));
  console.log(
    `RSS growth from the second sample to the end: ${growth.toFixed(1)} %; per service: ${Object.keys(last.rss)
      .map((n) => `${n} ${((100 * (last.rss[n] - first.rss[n])) / Math.max(1, first.rss[n])).toFixed(0)} %`)
      .join(', ')}`,
  );
}

void main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
