import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { issueToken, parseKeySet } from '@otklik/auth';
import { waitFor } from '@otklik/testing';
import { freePort, Stack } from '../support/stack';

/** A fresh random secret, long enough that finding it in a log cannot be chance. */
const secret = (prefix = '') => `${prefix}${randomBytes(24).toString('base64url')}`;

const authKeys = `logs:${randomBytes(32).toString('base64url')}`;
const otherKeys = `logs:${randomBytes(32).toString('base64url')}`;
const keys = parseKeySet(authKeys);
const adminToken = issueToken({ sub: 'admin-1', role: 'admin' }, keys);
const forgedToken = issueToken({ sub: 'intruder', role: 'admin' }, parseKeySet(otherKeys));

/** Every secret the services get or are sent below; none may appear in any log line. */
const secrets = {
  authKey: authKeys.slice('logs:'.length),
  adminToken,
  adminTokenSignature: adminToken.split('.')[2] ?? '',
  forgedToken,
  pseudonymKey: secret('pseudonym-'),
  telegramBotToken: `7123456789:${secret()}`,
  telegramWebhookSecret: secret('tg-hook-'),
  vkAccessToken: `vk1.a.${secret()}`,
  queryAccessToken: secret('query-'),
  smtpPassword: secret('smtp-'),
  notifierTelegramToken: `7987654321:${secret()}`,
  notifierVkToken: `vk1.a.${secret()}`,
  okAccessToken: secret('ok-'),
  okSecretKey: secret('ok-secret-'),
  webhookSecret: secret('webhook-'),
  wrongPassword: secret('wrong-'),
  deskIngestToken: issueToken({ sub: 'desk', role: 'service' }, keys),
};

interface LogLine {
  level: number;
  msg: string;
  service: string;
  configuration?: Record<string, unknown>;
  req?: { method: string; url: string; headers: Record<string, string> };
  res?: { statusCode: number };
  error?: unknown;
}

describe("secrets never reach the services' logs", () => {
  let stack: Stack;
  const started = ['ingest', 'notifier', 'desk'] as const;
  let dir: string;
  const login: { password?: string; session?: string; apiToken?: string } = {};

  const call = (service: (typeof started)[number], path: string, init: RequestInit = {}) => fetch(`${stack.url(service)}${path}`, init);
  const json = (token: string, body: string, method = 'POST'): RequestInit => ({
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
  });
  /** The service's JSON log lines so far (a line still being written is left out). */
  const logOf = (service: string): LogLine[] =>
    readFileSync(resolve(stack.logDir, `${service}.log`), 'utf8')
      .split('\n')
      .flatMap((line) => {
        try {
          return line.startsWith('{') ? [JSON.parse(line) as LogLine] : [];
        } catch {
          return [];
        }
      });
  const requestLines = (service: string, path: string) => logOf(service).filter((line) => line.req?.url.startsWith(path));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'otklik-secret-logs-'));
    // Platform APIs that are not there: polling runs fail, and their failures are logged.
    const closed = `http://127.0.0.1:${await freePort()}`;
    stack = new Stack({
      label: 'secret-logs',
      commonEnv: { LOG_LEVEL: 'debug', OTKLIK_AUTH_KEYS: authKeys },
      env: {
        ingest: {
          INGEST_PSEUDONYM_KEY: secrets.pseudonymKey,
          INGEST_POLLING_ENABLED: 'true',
          TELEGRAM_API_URL: closed,
          VK_API_URL: closed,
          TG_BOT_LOGS: secrets.telegramBotToken,
          TG_HOOK_LOGS: secrets.telegramWebhookSecret,
          // A credential whose variable name says nothing: only its use makes it known as a secret.
          VK_GROUP_ACCESS: secrets.vkAccessToken,
        },
        notifier: {
          SMTP_USER: 'otklik',
          SMTP_PASSWORD: secrets.smtpPassword,
          TELEGRAM_BOT_TOKEN: secrets.notifierTelegramToken,
          VK_ACCESS_TOKEN: secrets.notifierVkToken,
          OK_APPLICATION_KEY: 'CBAFJIICABABABABA',
          OK_APPLICATION_SECRET_KEY: secrets.okSecretKey,
          OK_ACCESS_TOKEN: secrets.okAccessToken,
        },
        desk: { DESK_INGEST_TOKEN: secrets.deskIngestToken, DESK_ADMIN_PASSWORD_FILE: join(dir, 'desk-admin-password') },
      },
    });
    mkdirSync(stack.logDir, { recursive: true });
    await stack.allocatePorts();
    for (const name of started) stack.spawn(name);
    for (const name of started) await stack.awaitReady(name);
  }, 300_000);

  afterAll(async () => {
    await stack?.stop();
    await stack?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it('ingest: sources with platform tokens, their failing polls, webhooks with secret tokens, forged and query-string credentials', async () => {
    const sources = [
      {
        id: 'tg-logs',
        platform: 'telegram',
        kind: 'community',
        communityId: '-1001234567',
        pollIntervalSec: 1,
        queries: [],
        credentialRef: 'TG_BOT_LOGS',
        callbackSecretRef: 'TG_HOOK_LOGS',
        enabled: true,
      },
      { id: 'vk-logs', platform: 'vk', kind: 'community', communityId: '4242', pollIntervalSec: 1, queries: [], credentialRef: 'VK_GROUP_ACCESS', enabled: true },
      { id: 'tg-unset', platform: 'telegram', kind: 'community', communityId: '-1007654321', pollIntervalSec: 3600, queries: [], credentialRef: 'TG_BOT_LOGS', enabled: true },
    ];
    for (const source of sources) expect((await call('ingest', '/v1/sources', json(adminToken, JSON.stringify(source)))).status).toBe(201);
    expect((await call('ingest', '/v1/sources', { headers: { authorization: `Bearer ${forgedToken}` } })).status).toBe(401);
    expect((await call('ingest', `/v1/posts/filtered?access_token=${secrets.queryAccessToken}`, { headers: { authorization: `Bearer ${adminToken}` } })).status).toBe(200);
    const hook = (secretToken: string, source = 'tg-logs') =>
      call('ingest', `/v1/telegram/webhook/${source}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secretToken },
        body: JSON.stringify({ update_id: 1 }),
      });
    expect((await hook(secrets.telegramWebhookSecret)).status).toBe(200);
    expect((await hook(secrets.wrongPassword)).status).toBeGreaterThanOrEqual(400);
    expect((await hook(secrets.telegramWebhookSecret, 'tg-unset')).status).toBe(503);
    // Both pollers have failed at least once: their tokens were resolved and used.
    const failedUnits = () =>
      new Set(
        logOf('ingest')
          .filter((line) => line.msg === 'polling run did not succeed')
          .map((line) => (line as { unit?: string }).unit),
      );
    await waitFor('failed polls logged', () => failedUnits().size >= 2, 60_000);
  });

  it('notifier: webhook signing secrets in good, invalid and unparsable bodies', async () => {
    const endpoint = (body: string) => call('notifier', '/v1/webhooks/ep-logs', json(adminToken, body, 'PUT'));
    expect((await endpoint(JSON.stringify({ agencyId: 'gkh', url: 'https://gkh.example.ru/hook', secret: secrets.webhookSecret }))).status).toBe(200);
    expect((await endpoint(JSON.stringify({ agencyId: 'gkh', url: 'not a url', secret: secrets.webhookSecret }))).status).toBe(400);
    // JSON.parse quotes the text around where it stopped: here the end of the secret.
    expect((await endpoint(`{"agencyId":"gkh","secret":"${secrets.webhookSecret}"x}`)).status).toBe(400);
    expect((await endpoint('x'.repeat(200_000) + secrets.webhookSecret)).status).toBe(413);
  });

  it('desk: the generated first password, a wrong one, the session cookie and an API token', async () => {
    login.password = readFileSync(join(dir, 'desk-admin-password'), 'utf8').trim();
    const signIn = (password: string) =>
      call('desk', '/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: 'admin', password }),
      });
    expect((await signIn(secrets.wrongPassword)).status).toBe(401);
    const signedIn = await signIn(login.password);
    expect(signedIn.status).toBe(200);
    login.session = /otklik_session=([^;]+)/.exec(signedIn.headers.get('set-cookie') ?? '')?.[1];
    expect(login.session).toBeDefined();
    const cookie = { cookie: `otklik_session=${login.session}` };
    expect((await call('desk', '/api/v1/auth/me', { headers: cookie })).status).toBe(200);
    const issued = await call('desk', '/api/v1/api-tokens', {
      method: 'POST',
      headers: { ...cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'logs', role: 'integration' }),
    });
    expect(issued.status).toBe(201);
    login.apiToken = ((await issued.json()) as { secret: string }).secret;
    expect((await call('desk', '/api/v1/auth/me', { headers: { authorization: `Bearer ${login.apiToken}` } })).status).toBe(200);
    expect((await call('desk', '/api/v1/users', { headers: { authorization: `Bearer ${login.apiToken}` } })).status).toBe(403);
  });

  describe('after the services have stopped', () => {
    beforeAll(async () => {
      await stack.stop();
    }, 120_000);

    it('printed their configuration at start, with each secret variable as [redacted]', () => {
      const configuration = (service: string) => logOf(service).find((line) => line.msg === `${service} configuration`)?.configuration;
      expect(configuration('ingest')).toMatchObject({ OTKLIK_AUTH_KEYS: '[redacted]', INGEST_PSEUDONYM_KEY: '[redacted]', POST_RETENTION_DAYS: 365 });
      expect(configuration('notifier')).toMatchObject({
        SMTP_USER: 'otklik',
        SMTP_PASSWORD: '[redacted]',
        TELEGRAM_BOT_TOKEN: '[redacted]',
        VK_ACCESS_TOKEN: '[redacted]',
        OK_ACCESS_TOKEN: '[redacted]',
        OK_APPLICATION_SECRET_KEY: '[redacted]',
        KAFKA_SASL_PASSWORD: null,
      });
      expect(configuration('desk')).toMatchObject({ DESK_INGEST_TOKEN: '[redacted]', DESK_ADMIN_PASSWORD_FILE: join(dir, 'desk-admin-password') });
    });

    it('logged each request with its headers, credentials redacted, and what went wrong when it failed', () => {
      const [forged] = requestLines('ingest', '/v1/sources').filter((line) => line.res?.statusCode === 401);
      expect(forged).toMatchObject({ level: 40, req: { headers: { authorization: '[redacted]' } }, error: expect.anything() });
      expect(requestLines('ingest', '/v1/posts/filtered')[0]?.req?.url).toBe('/v1/posts/filtered?access_token=[redacted]');
      expect(requestLines('ingest', '/v1/telegram/webhook/tg-logs')[0]?.req?.headers['x-telegram-bot-api-secret-token']).toBe('[redacted]');
      expect(requestLines('ingest', '/v1/telegram/webhook/tg-unset')[0]).toMatchObject({ level: 50, res: { statusCode: 503 } });
      const failedPuts = requestLines('notifier', '/v1/webhooks/ep-logs').filter((line) => (line.res?.statusCode ?? 0) >= 400);
      expect(failedPuts.map((line) => [line.res?.statusCode, line.error])).toEqual([
        [400, ['url: url must be a URL address']],
        [400, ['body: not valid JSON']],
        [413, ['body: request entity too large']],
      ]);
      const me = requestLines('desk', '/api/v1/auth/me');
      expect(me.map((line) => line.req?.headers.cookie ?? line.req?.headers.authorization)).toEqual(['[redacted]', '[redacted]']);
    });

    it('wrote none of the secrets anywhere in any log', () => {
      const all = { ...secrets, deskPassword: login.password ?? '', deskSession: login.session ?? '', deskApiToken: login.apiToken ?? '' };
      for (const value of Object.values(all)) expect(value.length).toBeGreaterThan(15);
      const leaks = started.flatMap((service) => {
        const text = readFileSync(resolve(stack.logDir, `${service}.log`), 'utf8');
        return Object.entries(all)
          .filter(([, value]) => text.includes(value) || text.includes(encodeURIComponent(value)))
          .map(([name]) => `${service}: ${name}`);
      });
      expect(leaks).toEqual([]);
    });
  });
});
