// The local demo: fake VK, OK and Telegram APIs and a mail catcher on loopback, a steady trickle of
// citizen complaints into them (and into desk's Open311), and the registrations that connect the
// services to them. Started by `npm start` (deploy/local/start.mjs) unless OTKLIK_DEMO=0; never
// part of a container or production configuration.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { issueToken, parseKeySet } from '@otklik/auth';
import { sharedDataDir } from '@otklik/config';
import { FakeOkApi } from '../fake-ok-api';
import { FakeTelegramApi } from '../fake-telegram-api';
import { FakeVkApi } from '../fake-vk-api';
import { MailCatcher } from '../mail-catcher';
import { DemoFeed } from './demo-feed';
import { DemoPost, samplePostList, sharedDataPosts } from './demo-posts';
import { DEMO_CREDENTIALS } from './demo-sources';
import { DemoServices, open311Token, postOpen311, registerSources, subscribeAgencies, waitUntilReady } from './demo-setup';
import { DemoState } from './demo-state';

const env = process.env;
const root = resolve(env.OTKLIK_ROOT ?? process.cwd());
const dataDir = join(root, '.data');
const log = (message: string): void => void process.stdout.write(`demo: ${message}\n`);

/** The port of a loopback URL such as http://127.0.0.1:3011. */
function portOf(name: string, fallback: number): number {
  const value = env[name];
  return value ? Number(new URL(value).port) : fallback;
}

function secret(name: string, fallback: string): string {
  return env[name] ?? fallback;
}

function mailCatcher(): MailCatcher {
  return new MailCatcher({ dir: join(dataDir, 'mail'), smtpPort: Number(env.SMTP_PORT ?? 2525), httpPort: Number(env.OTKLIK_MAIL_INBOX_PORT ?? 3010) });
}

async function startPlatforms(): Promise<{ vk: FakeVkApi; ok: FakeOkApi; telegram: FakeTelegramApi; mail: MailCatcher }> {
  const vk = new FakeVkApi();
  vk.enforceRate = false;
  vk.tokens.add(secret(DEMO_CREDENTIALS.vk, 'vk-token'));
  const ok = new FakeOkApi();
  ok.tokens.add(secret(DEMO_CREDENTIALS.ok, 'ok-token'));
  const telegram = new FakeTelegramApi();
  telegram.tokens.add(secret(DEMO_CREDENTIALS.telegram, '123:bot-token'));
  const mail = mailCatcher();
  await Promise.all([vk.start(portOf('VK_API_URL', 3011)), ok.start(portOf('OK_API_URL', 3012)), telegram.start(portOf('TELEGRAM_API_URL', 3013)), mail.start()]);
  return { vk, ok, telegram, mail };
}

async function feedPosts(): Promise<DemoPost[]> {
  const shared = await sharedDataPosts(sharedDataDir());
  log(shared ? `posting ${shared.length} St Petersburg appeals of the shared data in turn` : "posting the project's sample complaints in turn");
  return shared ?? samplePostList();
}

/** With OTKLIK_DEMO=0 only the mail catcher runs: real platforms, mail still caught locally. */
async function mailOnly(): Promise<void> {
  const mail = await mailCatcher().start();
  log(`demo feed off; mail: SMTP 127.0.0.1:${mail.smtpPort}, inbox ${mail.inboxUrl}`);
  const stop = (): void => void mail.stop().finally(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function main(): Promise<void> {
  if (env.OTKLIK_DEMO === '0') return mailOnly();
  const platforms = await startPlatforms();
  const state = new DemoState(join(dataDir, 'demo', 'platforms.json'), platforms);
  const position = state.restore();
  log(`fake VK ${platforms.vk.baseUrl}, OK ${platforms.ok.baseUrl}, Telegram ${platforms.telegram.baseUrl}; mail: SMTP 127.0.0.1:${platforms.mail.smtpPort}, inbox ${platforms.mail.inboxUrl}`);
  const stop = async (): Promise<void> => {
    await Promise.allSettled([platforms.vk.stop(), platforms.ok.stop(), platforms.telegram.stop(), platforms.mail.stop()]);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  const services: DemoServices = {
    ingest: env.OTKLIK_DEMO_INGEST_URL ?? 'http://127.0.0.1:3001',
    router: env.OTKLIK_DEMO_ROUTER_URL ?? 'http://127.0.0.1:3003',
    notifier: env.OTKLIK_DEMO_NOTIFIER_URL ?? 'http://127.0.0.1:3005',
    desk: env.OTKLIK_DEMO_DESK_URL ?? 'http://127.0.0.1:3000',
  };
  await waitUntilReady(services);
  const headers = serviceHeaders();
  const sources = await registerSources(services, headers);
  if (sources.length > 0) log(`registered in ingest: ${sources.join(', ')}`);
  const subscribed = await subscribeAgencies(services, headers);
  if (subscribed > 0) log(`e-mail contacts <agency id>@agency.otklik.local given to ${subscribed} agencies`);
  const admin = { login: env.DESK_ADMIN_LOGIN ?? 'admin', password: env.DESK_ADMIN_PASSWORD ?? readPassword() };
  const token = await open311Token(services, admin, join(dataDir, 'demo', 'open311-token'));
  if (!token) log("no Open311 token (the administrator's password is not the one kept in .data): Open311 posts are left out");
  const samples = samplePostList();
  let open311Turn = 0;
  const feed = new DemoFeed(await feedPosts(), platforms, token ? (post) => postOpen311(services, token, post.topicCode ? post : (samples[open311Turn++ % samples.length] as DemoPost)) : undefined);
  if (position) feed.position = position;
  await trickle(feed, state);
}

/** The demo sets things up as an administrator would, with a token signed by the local key set. */
function serviceHeaders(): () => Record<string, string> {
  const keys = env.OTKLIK_AUTH_KEYS ? parseKeySet(env.OTKLIK_AUTH_KEYS) : undefined;
  return (): Record<string, string> => {
    if (!keys) return {};
    return { authorization: `Bearer ${issueToken({ sub: 'local-demo', role: 'admin', name: 'local demo' }, keys)}` };
  };
}

function readPassword(): string | undefined {
  try {
    return readFileSync(join(dataDir, 'desk-admin-password'), 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** A few posts at once so the console fills at first, then one every OTKLIK_DEMO_INTERVAL_SEC. */
async function trickle(feed: DemoFeed, state: DemoState): Promise<void> {
  const burst = Number(env.OTKLIK_DEMO_BURST ?? 8);
  const intervalMs = Number(env.OTKLIK_DEMO_INTERVAL_SEC ?? 6) * 1000;
  log(`a complaint every ${intervalMs / 1000} s after a first ${burst}; OTKLIK_DEMO=0 turns the demo off`);
  for (let sent = 0; ; sent++) {
    try {
      const fed = await feed.next();
      await state.save(feed.position);
      log(`${fed.channel}${fed.source ? ` (${fed.source.name})` : ''}${fed.accepted ? '' : ' refused'}: ${fed.post.text.slice(0, 70)}…`);
    } catch (error) {
      log(`a post could not be made: ${(error as Error).message}`);
    }
    await new Promise((done) => setTimeout(done, sent < burst ? 1000 : intervalMs));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`demo: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
