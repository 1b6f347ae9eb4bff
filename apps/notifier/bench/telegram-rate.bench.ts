/**
 * Throughput of Telegram notifications under the Bot API limits (30 msg/s overall, 1 msg/s per
 * chat), against a local Bot API server: prints the achieved rate and the worst per-chat and
 * overall rates seen in any one-second window.
 *
 *   npx node -r @swc-node/register apps/notifier/bench/telegram-rate.bench.ts [messages] [chats]
 */
import { KeyedRateLimiter, TELEGRAM_LIMITS } from '../src/rate-limit/token-bucket';
import { BotApiTestServer } from '../src/testing/bot-api-test-server';
import { TelegramBotClient } from '../src/telegram/telegram-bot.client';

/** Records when the limiter lets each message go: the rate the client puts on the wire. */
class RecordingLimiter extends KeyedRateLimiter {
  readonly released: { key: string; at: number }[] = [];
  override async acquire(key: string): Promise<void> {
    await super.acquire(key);
    this.released.push({ key, at: performance.now() });
  }
}

function worstPerKey(events: { key: string; at: number }[]): number {
  const byKey = new Map<string, number[]>();
  for (const e of events) byKey.set(e.key, [...(byKey.get(e.key) ?? []), e.at]);
  return Math.max(...[...byKey.values()].map((t) => maxInWindow(t, 1000)));
}

function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i] - sorted[j] >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

async function main(): Promise<void> {
  const messages = Number(process.argv[2] ?? 180);
  const chats = Number(process.argv[3] ?? 60);
  const api = new BotApiTestServer('bench:token');
  for (let c = 0; c < chats; c++) api.addChat(String(-1000 - c));
  const baseUrl = await api.start();
  const limiter = new RecordingLimiter(TELEGRAM_LIMITS);
  const client = new TelegramBotClient({ baseUrl, token: 'bench:token', limiter });
  const started = performance.now();
  await Promise.all(Array.from({ length: messages }, (_, i) => client.sendMessage({ chatId: String(-1000 - (i % chats)), text: `сообщение ${i}` })));
  const seconds = (performance.now() - started) / 1000;
  await api.stop();

  const arrived = api.sent.map((s) => ({ key: s.chatId, at: s.at }));
  console.log(`messages ${api.sent.length} to ${chats} chats in ${seconds.toFixed(2)} s: ${(api.sent.length / seconds).toFixed(1)} msg/s`);
  console.log(
    `released by the limiter, most in any 1 s window: overall ${maxInWindow(
      limiter.released.map((r) => r.at),
      1000,
    )} ` + `(limit 30 per second), per chat ${worstPerKey(limiter.released)} (allows 1)`,
  );
  console.log(
    `arrived at the local server (same process, so event-loop delays bunch arrivals), most in any 1 s window: ` +
      `overall ${maxInWindow(
        arrived.map((a) => a.at),
        1000,
      )}, per chat ${worstPerKey(arrived)}`,
  );
  console.log(`heap used ${(process.memoryUsage().heapUsed / 1048576).toFixed(1)} MiB`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
