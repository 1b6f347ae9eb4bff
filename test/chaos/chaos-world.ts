import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { FakeVkApi, MailCatcher } from '@otklik/fake-platforms';
import { authHeader } from '@otklik/testing';
import { WebhookReceiver } from '../e2e/pipeline-world';
import { subscribeAgency } from '../support/agency-subscription';
import { SERVICES, ServiceName, Stack } from '../support/stack';
import { oneMinutePolicy } from '../support/fast-policy';

/** A signed-in desk user: the session cookie a browser would keep, and the Origin a desk page sends. */
export class DeskSession {
  private constructor(
    private readonly baseUrl: string,
    private readonly cookie: string,
  ) {}

  static async login(baseUrl: string, login: string, password: string): Promise<DeskSession> {
    const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { origin: baseUrl, 'content-type': 'application/json' },
      body: JSON.stringify({ login, password }),
      signal: AbortSignal.timeout(60000),
    });
    const cookie = response.headers.get('set-cookie')?.split(';')[0];
    if (response.status !== 200 || !cookie) throw new Error(`login ${login} refused: ${response.status} ${await response.text()}`);
    return new DeskSession(baseUrl, cookie);
  }

  async post(path: string, body: unknown): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { origin: this.baseUrl, cookie: this.cookie, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(60000),
    });
    const text = await response.text();
    return { status: response.status, body: text };
  }
}

export const ADMIN = { login: 'chaos-admin', password: 'Хаос-проверка-2026-admin' };
/** The watched VK community (its posts are the ones answered back under). */
export const VK_OWNER = -70002;
export const INTAKE_SOURCE = 'chaos-intake';
/** The taxonomy topic code given a one-minute round-the-clock deadline, so clocks breach during the faults. */
export const FAST_TOPIC_CODE = 'roads.surface';
/** Agencies told by e-mail (staff and head) and webhook. */
export const SUBSCRIBED = ['spb-kei', 'spb-ckb', 'spb-zha-nevsky', 'spb-adm-nevsky'];

/**
 * The six services as processes on the private infrastructure, with the platforms' and the
 * agencies' ends that count what leaves the system: a VK API (reply-backs), a real SMTP server
 * and a webhook endpoint.
 */
export class ChaosWorld {
  readonly vk = new FakeVkApi();
  readonly mail: MailCatcher;
  readonly webhook = new WebhookReceiver('chaos-webhook-secret-0123456789');
  stack!: Stack;
  admin!: DeskSession;
  private readonly clerks = new Map<string, Promise<DeskSession>>();

  constructor(readonly workDir: string) {
    this.mail = new MailCatcher({ dir: resolve(workDir, 'mail') });
  }

  /** Starts the fakes, then the services (on KAFKA_BROKERS / MONGODB_URI of this process), then registers sources and agencies. */
  async start(): Promise<void> {
    this.vk.enforceRate = false;
    await Promise.all([this.vk.start(), this.mail.start(), this.webhook.start()]);
    const policies = resolve(this.workDir, 'policies.json');
    writeFileSync(policies, JSON.stringify([oneMinutePolicy('chaos-fast-roads', FAST_TOPIC_CODE)]));
    this.stack = new Stack({
      label: 'chaos',
      readyTimeoutMs: 600000,
      commonEnv: { DESK_SCRYPT_COST_LOG2: '12', LOG_LEVEL: process.env.CHAOS_LOG_LEVEL ?? 'warn' },
      env: {
        ingest: {
          INGEST_PSEUDONYM_KEY: 'chaos-pseudonym-key-0123456789abcdef',
          INGEST_RELAY_IDLE_MS: '50',
          VK_API_URL: this.vk.baseUrl,
          VK_REQUESTS_PER_SECOND: '50',
          CHAOS_VK_TOKEN: 'vk-token',
        },
        'sla-tracker': { SLA_POLICIES_FILE: policies, SLA_CLOCK_COLLECTIONS: '16' },
        notifier: {
          SMTP_HOST: '127.0.0.1',
          SMTP_PORT: String(this.mail.smtpPort),
          DELIVERY_POLL_MS: '100',
          OPERATOR_EMAILS: 'centre@otklik.test',
          VK_API_URL: this.vk.baseUrl,
          VK_ACCESS_TOKEN: 'vk-token',
        },
        desk: { DESK_ADMIN_LOGIN: ADMIN.login, DESK_ADMIN_PASSWORD: ADMIN.password },
      },
    });
    await this.stack.start();
    this.admin = await DeskSession.login(this.stack.url('desk'), ADMIN.login, ADMIN.password);
    await this.register();
  }

  async stop(): Promise<void> {
    await this.stack.stop();
    await Promise.all([this.vk.stop(), this.mail.stop(), this.webhook.stop()]);
  }

  /** A call to a service's HTTP API with a bearer token of the role. */
  async call<T = unknown>(service: ServiceName, method: string, path: string, body?: unknown, role: 'admin' | 'integration' = 'admin'): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.stack.url(service)}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...authHeader({ role }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(120000),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  private async register(): Promise<void> {
    const sources = [
      { id: 'chaos-vk', platform: 'vk', kind: 'community', communityId: String(-VK_OWNER), name: 'Невский район', territoryCode: '40:nevsky', pollIntervalSec: 1, credentialRef: 'CHAOS_VK_TOKEN' },
      { id: INTAKE_SOURCE, platform: 'intake', kind: 'intake', name: 'Мониторинг', territoryCode: '40:nevsky', pollIntervalSec: 60 },
    ];
    for (const source of sources) {
      const created = await this.call('ingest', 'POST', '/v1/sources', source);
      if (created.status !== 201) throw new Error(`source ${source.id}: ${created.status} ${JSON.stringify(created.body)}`);
    }
    for (const agencyId of SUBSCRIBED) {
      await subscribeAgency((service, method, path, body) => this.call(service, method, path, body), agencyId, this.webhook);
    }
  }

  /** A signed-in member of an agency's staff (created once). */
  clerk(agencyId: string): Promise<DeskSession> {
    let clerk = this.clerks.get(agencyId);
    if (!clerk) {
      clerk = (async () => {
        const login = `clerk.${agencyId}`;
        const password = `Ответ-${agencyId}-2026`;
        const created = await this.admin.post('/api/v1/users', { login, displayName: `Исполнитель ${agencyId}`, role: 'agency', agencyId, password });
        if (created.status !== 201 && created.status !== 409) throw new Error(`user ${login}: ${created.status} ${String(created.body)}`);
        return DeskSession.login(this.stack.url('desk'), login, password);
      })();
      clerk.catch(() => this.clerks.delete(agencyId));
      this.clerks.set(agencyId, clerk);
    }
    return clerk;
  }

  /** Services whose process has ended although nobody stopped it. */
  exitedOnTheirOwn(): ServiceName[] {
    return SERVICES.filter((name) => {
      const child = this.stack.services.get(name)?.process;
      return !child || child.exitCode !== null || child.signalCode !== null;
    });
  }
}
