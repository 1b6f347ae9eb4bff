import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Logger } from 'pino';
import { InjectLogger, PeriodicTask } from '@otklik/platform';
import { notifierConfig, NotifierConfig } from '../config/notifier.config';
import { DigestService } from '../digest/digest.service';
import { PreferencesStore } from '../preferences/preferences.store';
import { DeliveryService } from './delivery.service';
import { NotifyService } from './notify.service';
import { OutcomeReporter } from './outcome.reporter';

/**
 * Drives the time-based work: due deliveries (retries, quiet hours ending, leases expired),
 * outcome events left unpublished, and the daily digest. Each loop waits for its previous run.
 */
@Injectable()
export class DeliveryScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly tasks: PeriodicTask[];
  private stopped = false;

  constructor(
    private readonly deliveries: DeliveryService,
    private readonly reporter: OutcomeReporter,
    private readonly digest: DigestService,
    private readonly preferences: PreferencesStore,
    private readonly notify: NotifyService,
    @Inject(notifierConfig.KEY) private readonly config: NotifierConfig,
    @InjectLogger() private readonly logger: Logger,
  ) {
    this.tasks = [
      new PeriodicTask(
        'deliveries',
        config.pollMs,
        async () => {
          while ((await this.deliveries.runDue(100)) === 100 && !this.stopped);
          await this.reporter.reportPending();
        },
        logger,
      ),
      new PeriodicTask('digest', config.digestCheckMs, () => this.sendDigests(new Date()), logger),
    ];
  }

  onApplicationBootstrap(): void {
    for (const task of this.tasks) task.start(0);
  }

  /** Stops the loops and waits for a run in progress, before the database connection closes. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.tasks.map((task) => task.stop()));
  }

  /** Plans and enqueues today's digest for every subscribed agency; the delivery key makes it once a day. */
  async sendDigests(now: Date): Promise<number> {
    let sent = 0;
    for (const prefs of await this.preferences.withDigest()) {
      const plan = await this.digest.plan(prefs, now);
      if (!plan) continue;
      await this.notify.notifyAgency({ eventId: plan.eventId, urgency: 'normal' }, prefs.agencyId, { kind: 'digest.overdue', date: plan.date, items: plan.items });
      sent++;
    }
    return sent;
  }
}
