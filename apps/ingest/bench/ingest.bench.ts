/**
 * Ingest throughput and memory, on the real broker and database:
 *   1. POST /v1/posts: batches of 1,000 posts, timed to the HTTP answers and to the last
 *      post.received event on Kafka;
 *   2. the VK connector polling a community wall on a local VK API that enforces VK's limit of
 *      3 requests a second per token (error 6 above it), timed to the last post.received event.
 * Texts are real appeals read at run time from the shared data set.
 *
 *   npx node -r @swc-node/register apps/ingest/bench/ingest.bench.ts [--batches 5] [--vk-posts 3000] [--vk-rps 3]
 */
import { cpus, loadavg } from 'node:os';
import { TOPICS } from '@otklik/contracts';
import { authHeader, isolateInfra, startTestService, waitFor } from '@otklik/testing';
import { FakeVkApi } from '@otklik/fake-platforms';
import { readSpbAppealTexts } from '../src/testing/shared-data';
import { AppModule } from '../src/app.module';
import { configureIngestHttp } from '../src/http-setup';
import { cleanPostText, findUrls, hasReadableContent } from '../src/normalisation/text';
import { DEFAULT_SPAM_FILTER_OPTIONS, SpamFilterService } from '../src/spam/spam-filter.service';

function arg(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

const BATCHES = arg('batches', 5);
const VK_POSTS = arg('vk-posts', 3000);
const VK_RPS = arg('vk-rps', 3);
const OWNER = -777;

class MemorySampler {
  peakRss = 0;
  peakHeap = 0;
  private readonly timer = setInterval(() => this.sample(), 100);

  sample(): void {
    const { rss, heapUsed } = process.memoryUsage();
    this.peakRss = Math.max(this.peakRss, rss);
    this.peakHeap = Math.max(this.peakHeap, heapUsed);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;
const rate = (count: number, ms: number) => `${((count * 1000) / ms).toFixed(0)} posts/s`;

async function main(): Promise<void> {
  const infra = isolateInfra('ingest-bench');
  // Texts the spam filter passes, so that every post is expected to end as one post.received.
  const filter = new SpamFilterService({ countByAuthorSince: async () => 0 });
  const texts = (await readSpbAppealTexts(6000))
    .map(cleanPostText)
    .filter((text) => hasReadableContent(text) && findUrls(text).length === 0 && filter.advertisingScore(text) < DEFAULT_SPAM_FILTER_OPTIONS.advertisingScore);
  const vk = await new FakeVkApi().start();
  vk.tokens.add('bench-token');
  Object.assign(process.env, {
    INGEST_PSEUDONYM_KEY: 'bench-pseudonym-key-0123456789abcdef',
    INGEST_POLLING_ENABLED: 'true',
    INGEST_RELAY_IDLE_MS: '20',
    VK_API_URL: vk.baseUrl,
    VK_REQUESTS_PER_SECOND: String(VK_RPS),
    VK_TOKEN_BENCH: 'bench-token',
    LOG_LEVEL: 'error',
  });
  const memory = new MemorySampler();
  const service = await startTestService('ingest', AppModule, { configure: configureIngestHttp });
  const tap = await service.tap([TOPICS.postReceived]);
  const received = () => tap.messages.length;
  const progress = setInterval(() => process.stderr.write(`  … ${received()} events published\n`), 10_000);
  progress.unref();
  const api = (path: string, body: unknown) =>
    fetch(`${service.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...authHeader({ role: 'admin' }) }, body: JSON.stringify(body) });
  try {
    memory.sample();
    const baseline = process.memoryUsage();
    await api('/v1/sources', { id: 'bench-intake', platform: 'intake', kind: 'intake', pollIntervalSec: 0 });

    // 1. Generic intake.
    const total = BATCHES * 1000;
    const started = performance.now();
    let answered = 0;
    for (let b = 0; b < BATCHES; b += 1) {
      const batch = Array.from({ length: 1000 }, (_, i) => {
        const n = b * 1000 + i;
        return {
          sourceId: 'bench-intake',
          externalId: `bench-${n}`,
          author: { id: `author-${n}` },
          text: `${texts[n % texts.length]} (${n})`,
          createdAt: new Date(Date.now() - n * 1000).toISOString(),
        };
      });
      const response = await api('/v1/posts', batch);
      if (response.status !== 200) throw new Error(`POST /v1/posts answered ${response.status}: ${await response.text()}`);
      answered = performance.now() - started;
    }
    await waitFor('intake events', () => received() >= total, 600_000, 20);
    const published = performance.now() - started;
    const afterIntake = process.memoryUsage();

    // 2. VK connector.
    for (let id = 1; id <= VK_POSTS; id += 1) {
      vk.addPost(OWNER, { id, date: Math.floor(Date.now() / 1000) - (VK_POSTS - id) * 30, from_id: 10_000 + id, text: texts[(id * 7) % texts.length] });
    }
    const vkStarted = performance.now();
    await api('/v1/sources', { id: 'bench-vk', platform: 'vk', kind: 'community', communityId: String(-OWNER), pollIntervalSec: 60, credentialRef: 'VK_TOKEN_BENCH' });
    await waitFor('VK events', () => received() >= total + VK_POSTS, 600_000, 20);
    const vkTime = performance.now() - vkStarted;
    const vkCalls = vk.calls.filter((c) => c.method === 'wall.get').length;
    memory.sample();

    console.log(
      `ingest bench — ${new Date().toISOString()}, load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on ${cpus().length} cores`,
    );
    console.log(`POST /v1/posts: ${total} posts in ${BATCHES} batches of 1,000`);
    console.log(`  recorded (HTTP answers):   ${(answered / 1000).toFixed(1)} s  ${rate(total, answered)}`);
    console.log(`  published (last event):    ${(published / 1000).toFixed(1)} s  ${rate(total, published)}`);
    console.log(`VK connector: ${VK_POSTS} wall posts, ${VK_RPS} requests/s per token (local API enforces 3/s: error 6 above)`);
    console.log(`  published (last event):    ${(vkTime / 1000).toFixed(1)} s  ${rate(VK_POSTS, vkTime)}  (${vkCalls} wall.get calls)`);
    console.log(`memory (whole process: service, fake VK API, Kafka tap):`);
    console.log(`  rss: start ${mb(baseline.rss)}, after intake ${mb(afterIntake.rss)}, peak ${mb(memory.peakRss)}`);
    console.log(`  heap used: start ${mb(baseline.heapUsed)}, after intake ${mb(afterIntake.heapUsed)}, peak ${mb(memory.peakHeap)}`);
  } finally {
    memory.stop();
    await service.close();
    await vk.stop();
    await infra.cleanup();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
