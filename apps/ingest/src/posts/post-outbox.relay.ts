import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { EventPublisher, OutboxRelay, publisherSender } from '@otklik/messaging';
import { InjectLogger } from '@otklik/platform';
import { ingestConfig, IngestConfig } from '../config/ingest.config';
import { POST_STORE } from './posts.tokens';
import type { PostStore } from './post.store';
import type { PendingEvents } from './outbox.model';

/**
 * The messaging lib's relay over the posts' outboxes: the recorder hands it each post's pending
 * events after its write, it publishes them and removes them from the post behind publishing, and
 * sweeps the posts now and then for events a crash left behind. Runs from start to shutdown.
 */
@Injectable()
export class PostOutboxRelay extends OutboxRelay<PendingEvents> implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(@Inject(POST_STORE) posts: PostStore, publisher: EventPublisher, @Inject(ingestConfig.KEY) config: IngestConfig, @InjectLogger() logger: Logger) {
    super(posts, publisherSender(publisher), { name: 'ingest.posts', idleMs: config.relayIdleMs }, logger);
  }

  onApplicationBootstrap(): void {
    this.start();
  }

  /** Stops before the database connection closes; clearings still running get a while to land. */
  beforeApplicationShutdown(): Promise<void> {
    return this.stop();
  }
}
