import { Inject, Injectable, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { InjectLogger, PeriodicTask } from '@otklik/platform';
import { ingestConfig, IngestConfig } from '../config/ingest.config';
import { RAW_PAYLOAD_STORE } from '../posts/posts.tokens';
import type { RawPayloadStore } from '../posts/post.store';

/**
 * Deletes raw payloads older than the retention period (default 30 days) on a timer. A purge job,
 * not a TTL index: FerretDB has none, and the job also says in the log how much it removed.
 */
@Injectable()
export class RawPayloadPurgeJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly job: PeriodicTask;

  constructor(
    @Inject(RAW_PAYLOAD_STORE) private readonly raw: RawPayloadStore,
    @Inject(ingestConfig.KEY) private readonly config: IngestConfig,
    @InjectLogger() private readonly logger: Logger,
  ) {
    this.job = new PeriodicTask('raw payload purge', config.purgeIntervalMs, () => this.purge(), logger);
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  /** Removes payloads received before now minus the retention; returns how many. */
  async purge(now: Date = new Date()): Promise<number> {
    const removed = await this.raw.purgeReceivedBefore(new Date(now.getTime() - this.config.rawRetentionMs));
    if (removed > 0) this.logger.info({ removed }, 'raw payloads past retention purged');
    return removed;
  }
}
