import { Inject, Injectable, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { InjectLogger } from '@otklik/platform';
import { ingestConfig, IngestConfig } from '../ingest.config';
import { OutboxRelayService } from './outbox-relay.service';

/**
 * Keeps the outbox drained: publishes pending events in batches as the recorder queues them, and
 * sweeps the database now and then for events a crash left behind. A failed publish is logged and
 * retried with back-off; the events stay in their posts until the broker has them.
 */
@Injectable()
export class OutboxRelayWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;

  constructor(
    private readonly relay: OutboxRelayService,
    @Inject(ingestConfig.KEY) private readonly config: IngestConfig,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.relay.queue.onPush(() => this.wake?.());
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    // Removals still running would hit a closed connection; what they leave is swept next start.
    // A removal is one update of up to 500 posts, which takes seconds on a busy FerretDB.
    await Promise.race([this.relay.settled(), new Promise((resolve) => setTimeout(resolve, 30_000).unref())]);
  }

  /** Ends the idle pause early (the recorder's queue does this by itself on every push). */
  nudge(): void {
    this.wake?.();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      let published = 0;
      try {
        published = await this.relay.publishBatch();
        failures = 0;
        if (this.relay.lastMarkError !== undefined) {
          this.logger.warn({ err: this.relay.lastMarkError }, 'removing published events from posts failed; retrying');
          this.relay.lastMarkError = undefined;
        }
        if (this.relay.lastSweepError !== undefined) {
          this.logger.warn({ err: this.relay.lastSweepError }, 'sweeping posts for pending events failed; retrying at the next sweep');
          this.relay.lastSweepError = undefined;
        }
      } catch (error) {
        failures += 1;
        this.logger.error({ err: error, failures }, 'outbox relay could not publish; events stay pending');
      }
      if (published === 0 && this.running) await this.pause(failures > 0 ? Math.min(30_000, 500 * 2 ** failures) : this.config.relayIdleMs);
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(finish, ms);
      this.wake = finish;
    });
  }
}
