import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DemoPost, districtName } from './demo-posts';
import { DEMO_SOURCES, DemoSource, OPEN311_SOURCE } from './demo-sources';

/** Base URLs of the services the demo talks to. */
export interface DemoServices {
  ingest: string;
  router: string;
  notifier: string;
  desk: string;
}

/** Headers a service call carries besides its content type (a bearer token where one is needed). */
export type CallHeaders = (service: keyof DemoServices) => Record<string, string>;

const NOTICE_KINDS = ['incident.routed', 'incident.rerouted', 'sla.warning', 'sla.breached', 'sla.escalated', 'digest.overdue'];

async function call(url: string, init: RequestInit & { json?: unknown }, headers: Record<string, string>): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, {
    ...init,
    headers: { accept: 'application/json', ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}), ...headers, ...(init.headers as Record<string, string> | undefined) },
    body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: kept as text for the error message
  }
  return { status: response.status, body };
}

function expectOk(what: string, answer: { status: number; body: unknown }): void {
  if (answer.status >= 300) throw new Error(`${what}: HTTP ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
}

/** Waits until every service answers its readiness check. */
export async function waitUntilReady(services: DemoServices, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const [name, base] of Object.entries(services)) {
    for (;;) {
      const ready = await fetch(`${base}/health/ready`, { signal: AbortSignal.timeout(3000) }).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) break;
      if (Date.now() > deadline) throw new Error(`${name} at ${base} is not ready after ${timeoutMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

/** Registers the demo communities and the Open311 intake in ingest, leaving existing ones as they are. */
export async function registerSources(services: DemoServices, headers: CallHeaders): Promise<string[]> {
  const created: string[] = [];
  for (const source of [...DEMO_SOURCES, OPEN311_SOURCE]) {
    const known = await call(`${services.ingest}/v1/sources/${source.id}`, { method: 'GET' }, headers('ingest'));
    if (known.status === 200) continue;
    const answer = await call(`${services.ingest}/v1/sources`, { method: 'POST', json: sourceBody(source) }, headers('ingest'));
    expectOk(`registering source ${source.id} in ingest`, answer);
    created.push(source.id);
  }
  return created;
}

function sourceBody(source: DemoSource): Record<string, unknown> {
  const community = source.platform === 'intake' ? {} : { communityId: source.communityId, credentialRef: source.credentialRef };
  // Telegram is long-polled (0: continuously); the walls are read every 5 s, so posts show up quickly.
  const pollIntervalSec = source.platform === 'telegram' || source.platform === 'intake' ? 0 : 5;
  return {
    id: source.id,
    platform: source.platform,
    kind: source.platform === 'intake' ? 'intake' : 'community',
    name: source.name,
    territoryCode: source.territoryCode,
    pollIntervalSec,
    queries: [],
    enabled: true,
    ...community,
  };
}

/**
 * Gives every agency of the router's directory that has no notification preferences an e-mail
 * contact `<agency id>@agency.otklik.local`, so that the notifier's mail reaches the catcher.
 */
export async function subscribeAgencies(services: DemoServices, headers: CallHeaders): Promise<number> {
  const agencies = await call(`${services.router}/v1/agencies`, { method: 'GET' }, headers('router'));
  expectOk('reading the agencies from the router', agencies);
  let subscribed = 0;
  const all = agencies.body as { id: string }[];
  // A few at a time: one at a time took a minute on a busy machine.
  for (let start = 0; start < all.length; start += 8) {
    const done = await Promise.all(all.slice(start, start + 8).map((agency) => subscribe(services, headers, agency.id)));
    subscribed += done.filter(Boolean).length;
  }
  return subscribed;
}

/** Gives one agency the demo e-mail contact unless it has preferences; true when it was given. */
async function subscribe(services: DemoServices, headers: CallHeaders, agencyId: string): Promise<boolean> {
  const path = `${services.notifier}/v1/agencies/${encodeURIComponent(agencyId)}/preferences`;
  if ((await call(path, { method: 'GET' }, headers('notifier'))).status === 200) return false;
  const answer = await call(
    path,
    {
      method: 'PUT',
      json: {
        locale: 'ru',
        timeZone: 'Europe/Moscow',
        events: NOTICE_KINDS,
        channels: ['email'],
        digestHour: 9,
        contacts: [{ id: 'duty-mail', channel: 'email', address: `${agencyId}@agency.otklik.local`, role: 'head' }],
      },
    },
    headers('notifier'),
  );
  expectOk(`notification preferences of ${agencyId}`, answer);
  return true;
}

/**
 * An Open311 API token for the demo: the one kept in `file`, or a new one issued by the
 * administrator (login, password) and kept there. Undefined when desk does not let the
 * administrator in (the password was changed): the feed then does without Open311.
 */
export async function open311Token(services: DemoServices, admin: { login: string; password?: string }, file: string): Promise<string | undefined> {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  if (!admin.password) return undefined;
  const login = await fetch(`${services.desk}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(admin),
    signal: AbortSignal.timeout(15_000),
  });
  const cookie = login.headers.get('set-cookie')?.split(';')[0];
  if (login.status !== 200 || !cookie) return undefined;
  const issued = await call(`${services.desk}/api/v1/api-tokens`, { method: 'POST', json: { name: 'Демо-лента Open311', role: 'integration' } }, { cookie });
  expectOk('issuing an Open311 token in desk', issued);
  const secret = (issued.body as { secret: string }).secret;
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** Posts one complaint as an Open311 service request; false when desk refuses it. */
export async function postOpen311(services: DemoServices, token: string, post: DemoPost): Promise<boolean> {
  const form = new URLSearchParams({ api_key: token, service_code: post.topicCode ?? 'other.misc', description: post.text });
  if (post.address) form.set('address_string', ['Санкт-Петербург', districtName(post.district), post.address].filter(Boolean).join(', '));
  if (post.geo) {
    form.set('lat', String(post.geo[0]));
    form.set('long', String(post.geo[1]));
  }
  const answer = await call(`${services.desk}/open311/v2/requests.json`, { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } }, {});
  return answer.status < 300;
}
