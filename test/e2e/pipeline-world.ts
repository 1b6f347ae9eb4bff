import { createHmac } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { EventEnvelope, TOPICS } from '@otklik/contracts';
import { DEFAULT_MESSAGING_OPTIONS, EventTap, KafkaConnection, TappedMessage } from '@otklik/messaging';
import { CaughtMail, FakeOkApi, FakeTelegramApi, FakeVkApi, MailCatcher } from '@otklik/fake-platforms';
import { authHeader, DeskClient } from '@otklik/testing';
import { subscribeAgency } from '../support/agency-subscription';
import { Stack } from '../support/stack';
import { oneMinutePolicy } from '../support/fast-policy';

/** One request the webhook receiver got, with whether its signature checked out. */
export interface WebhookCall {
  body: { kind?: string; incidentId?: string; number?: string } & Record<string, unknown>;
  signatureValid: boolean;
  idempotencyKey?: string;
}

/** An agency's webhook endpoint: a real HTTP server that checks Otklik's signature. */
export class WebhookReceiver {
  readonly calls: WebhookCall[] = [];
  private server?: Server;
  url = '';

  constructor(readonly secret: string) {}

  async start(): Promise<this> {
    this.server = createServer((request: IncomingMessage, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const expected = `v1=${createHmac('sha256', this.secret).update(`${request.headers['x-otklik-timestamp']}.${body}`).digest('hex')}`;
        this.calls.push({
          body: JSON.parse(body) as WebhookCall['body'],
          signatureValid: request.headers['x-otklik-signature'] === expected,
          idempotencyKey: request.headers['idempotency-key'] as string | undefined,
        });
        response.writeHead(204).end();
      });
    });
    const server = this.server;
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server) await new Promise<void>((done) => server.close(() => done()));
  }
}

/** Shortcut for an envelope's payload. */
export const payloadOf = <T extends object = Record<string, unknown>>(message: TappedMessage): T => (message.json as EventEnvelope<T>).payload;

/** Trace id of a message's W3C `traceparent` header. */
export const traceIdOf = (message: TappedMessage): string | undefined => message.headers.traceparent?.split('-')[1];

export const ADMIN = { login: 'e2e-admin', password: 'Первый-вход-2026-e2e' };
/** The VK community, Telegram channel and OK group the pipeline watches. */
export const VK_OWNER = -70001;
export const TG_CHANNEL = { id: -1007000, type: 'channel' as const, title: 'Администрация Невского района', username: 'nevsky_admin' };
/** The channel's linked discussion group, where citizens comment. */
export const TG_GROUP = { id: -1007001, type: 'supergroup' as const, title: 'Невский район: обсуждение' };
export const OK_GROUP = '7000';
/** The taxonomy topic code whose deadline the run shortens to a minute, to see a breach and its escalation. */
export const FAST_TOPIC_CODE = 'roads.surface';

/**
 * Everything the end-to-end test drives: the six services as processes, the platforms' APIs
 * (VK, Telegram, OK), a real SMTP server, an agency's webhook endpoint, and a tap on every topic.
 */
export class PipelineWorld {
  readonly vk = new FakeVkApi();
  readonly telegram = new FakeTelegramApi();
  readonly ok = new FakeOkApi();
  readonly mail: MailCatcher;
  readonly webhook = new WebhookReceiver('e2e-webhook-secret-0123456789');
  stack!: Stack;
  tap!: EventTap;
  admin!: DeskClient;
  private kafka?: KafkaConnection;

  constructor(private readonly workDir: string) {
    this.mail = new MailCatcher({ dir: resolve(workDir, 'mail') });
  }

  async start(): Promise<void> {
    this.vk.enforceRate = false;
    await Promise.all([this.vk.start(), this.telegram.start(), this.ok.start(), this.mail.start(), this.webhook.start()]);
    const policies = resolve(this.workDir, 'policies.json');
    // A one-minute round-the-clock deadline for one topic, so a breach and its escalation happen within the run.
    writeFileSync(policies, JSON.stringify([oneMinutePolicy('e2e-fast-roads', FAST_TOPIC_CODE)]));
    this.stack = new Stack({
      label: 'e2e',
      commonEnv: { DESK_SCRYPT_COST_LOG2: '12' },
      env: {
        ingest: {
          INGEST_PSEUDONYM_KEY: 'e2e-pseudonym-key-0123456789abcdef',
          INGEST_RELAY_IDLE_MS: '50',
          INGEST_TELEGRAM_LONG_POLL_SEC: '1',
          VK_API_URL: this.vk.baseUrl,
          OK_API_URL: this.ok.baseUrl,
          TELEGRAM_API_URL: this.telegram.baseUrl,
          VK_REQUESTS_PER_SECOND: '50',
          E2E_VK_TOKEN: 'vk-token',
          E2E_TG_BOT: '123:bot-token',
          E2E_OK: 'ok-token',
          E2E_OK_APP_KEY: this.ok.applicationKey,
          E2E_OK_APP_SECRET: this.ok.applicationSecret,
        },
        'sla-tracker': { SLA_POLICIES_FILE: policies, SLA_CLOCK_COLLECTIONS: '16' },
        notifier: {
          SMTP_HOST: '127.0.0.1',
          SMTP_PORT: String(this.mail.smtpPort),
          DELIVERY_POLL_MS: '100',
          OPERATOR_EMAILS: 'centre@otklik.test',
          VK_API_URL: this.vk.baseUrl,
          VK_ACCESS_TOKEN: 'vk-token',
          TELEGRAM_API_URL: this.telegram.baseUrl,
          TELEGRAM_BOT_TOKEN: '123:bot-token',
          OK_API_URL: this.ok.baseUrl,
          OK_ACCESS_TOKEN: 'ok-token',
          OK_APPLICATION_KEY: this.ok.applicationKey,
          OK_APPLICATION_SECRET_KEY: this.ok.applicationSecret,
        },
        desk: { DESK_ADMIN_LOGIN: ADMIN.login, DESK_ADMIN_PASSWORD: ADMIN.password, DESK_OPEN311_SOURCE_ID: 'open311' },
      },
    });
    await this.stack.start();
    this.kafka = new KafkaConnection(
      { ...DEFAULT_MESSAGING_OPTIONS, clientId: 'e2e-tap', groupId: 'e2e-tap', brokers: this.stack.brokers.split(','), topicPrefix: this.stack.topicPrefix },
      { info: () => undefined, warn: () => undefined, error: () => undefined },
    );
    this.tap = await EventTap.open(this.kafka, Object.values(TOPICS));
    this.admin = await new DeskClient(this.stack.url('desk')).login(ADMIN.login, ADMIN.password);
  }

  async stop(): Promise<void> {
    await this.tap?.close();
    await this.kafka?.close();
    await this.stack?.stop();
    await Promise.all([this.vk.stop(), this.telegram.stop(), this.ok.stop(), this.mail.stop(), this.webhook.stop()]);
    await this.stack?.cleanup();
  }

  /** A call to a service's HTTP API as the given role. */
  async call<T = unknown>(
    service: Parameters<Stack['url']>[0],
    method: string,
    path: string,
    body?: unknown,
    role: 'admin' | 'integration' | 'service' = 'admin',
  ): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.stack.url(service)}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...authHeader({ role }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  /** Registers the watched VK community, Telegram channel, OK group and the intake sources. */
  async registerSources(): Promise<void> {
    const sources = [
      { id: 'vk-nevsky', platform: 'vk', kind: 'community', communityId: String(-VK_OWNER), name: 'Невский район', territoryCode: '40:nevsky', pollIntervalSec: 1, credentialRef: 'E2E_VK_TOKEN' },
      {
        id: 'tg-nevsky',
        platform: 'telegram',
        kind: 'community',
        communityId: `@${TG_CHANNEL.username}`,
        discussionGroupId: String(TG_GROUP.id),
        territoryCode: '40:nevsky',
        pollIntervalSec: 1,
        credentialRef: 'E2E_TG_BOT',
      },
      { id: 'ok-nevsky', platform: 'ok', kind: 'community', communityId: OK_GROUP, territoryCode: '40:nevsky', pollIntervalSec: 1, credentialRef: 'E2E_OK' },
      { id: 'intake-nevsky', platform: 'intake', kind: 'intake', name: 'Мониторинг', territoryCode: '40:nevsky', pollIntervalSec: 60 },
      { id: 'open311', platform: 'intake', kind: 'intake', name: 'Open311', territoryCode: '40000000', pollIntervalSec: 60 },
    ];
    for (const source of sources) {
      const created = await this.call('ingest', 'POST', '/v1/sources', source);
      if (created.status !== 201) throw new Error(`source ${source.id}: ${created.status} ${JSON.stringify(created.body)}`);
    }
  }

  /** Tells the notifier how to reach an agency: staff and head by e-mail, its webhook endpoint. */
  subscribe(agencyId: string): Promise<void> {
    return subscribeAgency((service, method, path, body) => this.call(service, method, path, body), agencyId, this.webhook);
  }

  /** Signs in as a member of an agency's staff, created by the administrator. */
  async agencyClerk(agencyId: string): Promise<DeskClient> {
    const login = `clerk.${agencyId}`;
    const password = `Ответ-${agencyId}-2026`;
    const created = await this.admin.post('/api/v1/users', { login, displayName: `Исполнитель ${agencyId}`, role: 'agency', agencyId, password });
    if (created.status !== 201) throw new Error(`user ${login}: ${created.status} ${JSON.stringify(created.body)}`);
    return new DeskClient(this.stack.url('desk')).login(login, password);
  }

  /** The `post.received` of a platform's post, once ingest has published it. */
  received(externalId: string, timeoutMs = 90000): Promise<TappedMessage> {
    return this.tap.waitFor('otklik.post.received.v1', (m) => payloadOf<{ externalId: string }>(m).externalId === externalId, timeoutMs);
  }

  /** The first event of a topic about an incident (or post) id. */
  event(topic: string, match: (payload: Record<string, unknown>) => boolean, timeoutMs = 90000): Promise<TappedMessage> {
    return this.tap.waitFor(topic, (m) => match(payloadOf(m)), timeoutMs);
  }

  /** Messages caught so far for one address. */
  async mailTo(address: string): Promise<CaughtMail[]> {
    return (await this.mail.list()).filter((m) => m.to.includes(address));
  }

  /** Every event seen so far with a given topic whose payload matches. */
  events(topic: string, match: (payload: Record<string, unknown>) => boolean): TappedMessage[] {
    return this.tap.messages.filter((m) => m.topic === topic && match(payloadOf(m)));
  }
}
