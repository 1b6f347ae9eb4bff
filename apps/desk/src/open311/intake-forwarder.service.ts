import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import type { LegalRegime } from '@otklik/contracts';
import { ServiceTokens } from '../auth/service-tokens';
import { DESK_CONFIG, DeskConfig } from '../config/desk.config';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import { Open311RequestRecord } from './open311-request.schema';
import { Open311RequestStore } from './open311-request.store';
import { InjectLogger, PeriodicTask } from '@otklik/platform';

const EVERY_MS = 2000;
const CLAIM_MS = 60_000;
/** Most requests forwarded in one pass. */
const BATCH = 50;
const MAX_BACKOFF_MS = 10 * 60_000;
const TIMEOUT_MS = 10_000;

/** The post ingest's intake receives for an Open311 request. */
export interface IntakePost {
  sourceId: string;
  platform: 'intake';
  externalId: string;
  author: { id: string; displayName?: string };
  text: string;
  createdAt: string;
  attachments: { type: string; url: string }[];
  geo?: { lat: number; lon: number };
  regime?: LegalRegime;
  /** A follow-up names the post it follows, as a reply in its thread. */
  replyTo?: string;
  threadId?: string;
}

/** What the external ids of Open311 requests' posts begin with. */
export const EXTERNAL_ID_PREFIX = 'open311:';

/** External id of the post made from an Open311 request: how desk finds the incident later. */
export function externalIdOf(token: string): string {
  return `${EXTERNAL_ID_PREFIX}${token}`;
}

/** The citizen's words first, then what the form added (service, address details). */
export function toIntakePost(request: Open311RequestRecord, sourceId: string, serviceName: string): IntakePost {
  if (request.followsUp) {
    // The citizen's own words only: a verdict on the answer is read from them.
    return {
      sourceId,
      platform: 'intake',
      externalId: externalIdOf(request.token),
      replyTo: request.followsUp,
      threadId: request.followsUp,
      author: { id: request.authorId, ...(request.authorName ? { displayName: request.authorName } : {}) },
      text: request.description,
      createdAt: request.createdAt.toISOString(),
      attachments: request.mediaUrl ? [{ type: 'photo', url: request.mediaUrl }] : [],
    };
  }
  const lines = [`[${serviceName}] ${request.description}`];
  if (request.addressString) lines.push(`Адрес: ${request.addressString}`);
  // An empty attributes object is not stored (mongoose minimises it away): it may be missing.
  for (const [code, value] of Object.entries(request.attributes ?? {})) lines.push(`${code}: ${value}`);
  return {
    sourceId,
    platform: 'intake',
    externalId: externalIdOf(request.token),
    author: { id: request.authorId, ...(request.authorName ? { displayName: request.authorName } : {}) },
    text: lines.join('\n'),
    createdAt: request.createdAt.toISOString(),
    attachments: request.mediaUrl ? [{ type: 'photo', url: request.mediaUrl }] : [],
    ...(request.lat !== undefined && request.long !== undefined ? { geo: { lat: request.lat, lon: request.long } } : {}),
    ...(request.regime ? { regime: request.regime } : {}),
  };
}

/**
 * Hands Open311 requests to ingest, which owns posts. A request is stored first and answered
 * with a token; this relay forwards it, retrying with backoff while ingest is unreachable. A
 * request ingest refuses (4xx) is marked rejected with ingest's reason rather than retried forever.
 */
@Injectable()
export class IntakeForwarderService implements OnModuleInit, OnModuleDestroy {
  private readonly job: PeriodicTask;

  constructor(
    private readonly requests: Open311RequestStore,
    private readonly taxonomy: TaxonomyService,
    @Inject(DESK_CONFIG) private readonly config: DeskConfig,
    private readonly tokens: ServiceTokens,
    @InjectLogger() private readonly logger: Logger,
  ) {
    this.job = new PeriodicTask('open311 forwarding', EVERY_MS, () => this.forwardDue(), logger);
  }

  onModuleInit(): void {
    this.job.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.job.stop();
  }

  /** One pass over due requests; concurrent calls share the pass in progress. */
  forward(): Promise<void> {
    return this.job.runNow();
  }

  private async forwardDue(): Promise<void> {
    const now = new Date();
    for (const request of await this.requests.due(now, BATCH)) {
      if (await this.requests.claim(request, new Date(now.getTime() + CLAIM_MS))) await this.send(request);
    }
  }

  private async send(request: Open311RequestRecord): Promise<void> {
    const post = toIntakePost(request, this.config.intake.sourceId, this.taxonomy.label(request.serviceCode));
    // DESK_INGEST_TOKEN, when set, is a token issued elsewhere (e.g. for an ingest with another key set).
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${this.config.intake.token ?? this.tokens.asDesk()}` };
    try {
      const response = await fetch(`${this.config.intake.url}/v1/posts`, {
        method: 'POST',
        headers,
        body: JSON.stringify(post),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (response.ok) {
        await this.requests.markForwarded(request.token, new Date());
        return;
      }
      const reason = `ingest answered ${response.status}: ${(await response.text()).slice(0, 500)}`;
      if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
        await this.requests.markRejected(request.token, reason);
        this.logger.error(`open311 request ${request.token} rejected: ${reason}`);
        return;
      }
      await this.retryLater(request, reason);
    } catch (error) {
      await this.retryLater(request, (error as Error).message);
    }
  }

  private async retryLater(request: Open311RequestRecord, reason: string): Promise<void> {
    const delay = Math.min(MAX_BACKOFF_MS, 5000 * 2 ** request.attempts);
    await this.requests.retryAt(request.token, reason, new Date(Date.now() + delay));
  }
}
