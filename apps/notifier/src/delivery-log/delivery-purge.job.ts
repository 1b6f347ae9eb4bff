import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Logger } from 'pino';
import { InjectLogger, PeriodicTask } from '@otklik/platform';
import { notifierConfig, NotifierConfig } from '../config/notifier.config';
import { MongoDeliveryStore } from './delivery-log.mongo';

const HOUR_MS = 3_600_000;

/**
 * Deletes finished deliveries (addresses and message texts, personal data) older than
 * DELIVERY_RETENTION_DAYS, once an hour: a job rather than a TTL index, which FerretDB lacks.
 */
@Injectable()
export class DeliveryPurgeJob implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly job: PeriodicTask;

  constructor(
    private readonly deliveries: MongoDeliveryStore,
    @Inject(notifierConfig.KEY) private readonly config: NotifierConfig,
    @InjectLogger() private readonly logger: Logger,
  ) {
    this.job = new PeriodicTask('delivery purge', HOUR_MS, () => this.purge(), logger);
  }

  /** First purge a minute after start, so a restarted service does not wait an hour. */
  onApplicationBootstrap(): void {
    this.job.start(60_000);
  }

  onModuleDestroy(): Promise<void> {
    return this.job.stop();
  }

  /** Removes deliveries past retention; returns how many. */
  async purge(now: Date = new Date()): Promise<number> {
    const removed = await this.deliveries.purgeFinishedBefore(new Date(now.getTime() - this.config.deliveryRetentionDays * 24 * HOUR_MS));
    if (removed > 0) this.logger.info({ removed }, 'deliveries past retention purged');
    return removed;
  }
}
