import { BeforeApplicationShutdown, Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { InjectLogger, PeriodicTask } from '@otklik/platform';
import { DEFAULT_NEAR_DUPLICATE_OPTIONS } from '../dedup/near-duplicate.service';
import { RecentPostsIndex } from '../dedup/recent-posts.index';
import { BufferedCounters } from './buffered-counters';
import { BufferedRawPayloads } from './buffered-raw-payloads';
import type { MongoPostStore, MongoRawPayloadStore } from './mongo-post.store';
import { POST_STORE, RAW_PAYLOAD_STORE } from './posts.tokens';

/** How often buffered counters and raw payloads are written. */
const FLUSH_MS = 1000;

/**
 * Before anything runs: the posts' indexes exist and the recent-posts index is loaded. While
 * running: buffered writes are flushed every second, and once more on shutdown.
 */
@Injectable()
export class PostsLifecycle implements OnModuleInit, BeforeApplicationShutdown {
  private readonly flusher: PeriodicTask;

  constructor(
    @Inject(POST_STORE) private readonly posts: MongoPostStore,
    @Inject(RAW_PAYLOAD_STORE) private readonly raw: MongoRawPayloadStore,
    private readonly recent: RecentPostsIndex,
    private readonly counters: BufferedCounters,
    private readonly rawBuffer: BufferedRawPayloads,
    @InjectLogger() private readonly logger: Logger,
  ) {
    this.flusher = new PeriodicTask('flush counters and raw payloads', FLUSH_MS, () => this.flush(), logger);
  }

  async onModuleInit(): Promise<void> {
    await this.posts.init();
    await this.raw.init();
    const recent = await this.posts.recentPosts(new Date(Date.now() - DEFAULT_NEAR_DUPLICATE_OPTIONS.windowMs));
    for (const post of recent) this.recent.add(post);
    this.logger.info({ posts: this.recent.size }, 'recent posts index loaded');
    this.flusher.start();
  }

  /** Before the platform closes the database connection: the last flush. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.flusher.stop();
    await this.flusher.runNow();
  }

  /** Writes buffered counters and raw payloads; a failure is logged and retried next time. */
  async flush(): Promise<void> {
    await Promise.all([this.counters.flush(), this.rawBuffer.flush()]);
  }
}
