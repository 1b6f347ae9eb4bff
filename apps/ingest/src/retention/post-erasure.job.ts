import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { InjectLogger, PeriodicTask } from '@otklik/platform';
import { ingestConfig, IngestConfig } from '../config/ingest.config';
import { POST_STORE } from '../posts/posts.tokens';
import type { MongoPostStore } from '../posts/mongo-post.store';

/** Posts erased per database round trip: small enough not to hold FerretDB's pool for long. */
const BATCH = 500;

/**
 * Erases the personal data of posts POST_RETENTION_DAYS after ingest last recorded a change of
 * them (152-ФЗ: kept no longer than needed). The post stays as a skeleton so that seeing it again
 * on the platform is "unchanged", not a new post; a post whose events are not all published yet is
 * left for a later run. See docs/data-map.md.
 */
@Injectable()
export class PostErasureJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly job: PeriodicTask;

  constructor(
    @Inject(POST_STORE) private readonly posts: MongoPostStore,
    @Inject(ingestConfig.KEY) private readonly config: IngestConfig,
    @InjectLogger() private readonly logger: Logger,
  ) {
    this.job = new PeriodicTask('post erasure', config.purgeIntervalMs, () => this.erase(), logger);
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  /** Erases every post past retention at `now`; returns how many. */
  async erase(now: Date = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.config.postRetentionMs);
    let erased = 0;
    for (;;) {
      const count = await this.posts.eraseUpdatedBefore(cutoff, now, BATCH);
      erased += count;
      if (count < BATCH) break;
    }
    if (erased > 0) this.logger.info({ erased }, 'posts past retention erased');
    return erased;
  }
}
