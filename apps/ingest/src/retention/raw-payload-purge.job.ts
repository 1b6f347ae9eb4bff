import { Inject, Injectable, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { InjectLogger } from '@otklik/platform';
import { ingestConfig, IngestConfig } from '../ingest.config';
import { RAW_PAYLOAD_STORE } from '../ingest.tokens';
import type { RawPayloadStore } from '../posts/post.store';

/**
 * Deletes raw payloads older than the retention period (default 30 days) on a timer. A purge job,
 * not a TTL index: FerretDB has none, and the job also says in the log how much it removed.
 */
@Injectable()
export class RawPayloadPurgeJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(RAW_PAYLOAD_STORE) private readonly raw: RawPayloadStore,
    @Inject(ingestConfig.KEY) private readonly config: IngestConfig,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    // The Kafka microservice shares this module and runs the bootstrap hooks a second time.
    if (this.timer) return;
    this.timer = setInterval(() => void this.purge().catch((error: unknown) => this.logger.error({ err: error }, 'raw payload purge failed')), this.config.purgeIntervalMs);
    this.timer.unref();
  }

  beforeApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Removes payloads received before now minus the retention; returns how many. */
  async purge(now: Date = new Date()): Promise<number> {
    const removed = await this.raw.purgeReceivedBefore(new Date(now.getTime() - this.config.rawRetentionMs));
    if (removed > 0) this.logger.info({ removed }, 'raw payloads past retention purged');
    return removed;
  }
}
