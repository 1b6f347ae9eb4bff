import { BeforeApplicationShutdown, Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Logger } from 'pino';
import { InjectLogger, PeriodicTask } from '@otklik/platform';
import { routerConfig, RouterSettings } from '../config/router.config';
import { MongoIncidentStore } from '../incidents/incident.mongo';
import type { IncidentStore } from '../incidents/incident-store';
import { OutboxPublisher } from '../outbox/outbox-publisher';
import { closeAnswered } from './incident-closer';
import { ClosingPolicy } from '../config/policies';

/**
 * Closes answered incidents the citizen did not come back to within the policy's days, every
 * `ROUTER_CLOSE_EVERY_MS`, and publishes their state changes (written with each incident's
 * outbox, so a crash before the publish leaves them to the relay's sweep).
 */
@Injectable()
export class IncidentClosingJob implements OnModuleInit, BeforeApplicationShutdown {
  private readonly task: PeriodicTask;
  private readonly policy: ClosingPolicy;

  constructor(
    @Inject(MongoIncidentStore) private readonly incidents: IncidentStore,
    @Inject(OutboxPublisher) private readonly outbox: Pick<OutboxPublisher, 'publish'>,
    @Inject(routerConfig.KEY) settings: RouterSettings,
    @InjectLogger() logger: Logger,
  ) {
    this.policy = settings.closing;
    this.task = new PeriodicTask('incident closing', this.policy.everyMs, () => this.closeDue(new Date()), logger);
  }

  onModuleInit(): void {
    this.task.start();
  }

  /** Stops before the outbox relays and the database connection do. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }

  /** Closes the incidents due at `now` and publishes their events; returns how many were closed. */
  async closeDue(now: Date): Promise<number> {
    const closed = await closeAnswered(this.incidents, this.policy, now, { correlationId: `close-${now.toISOString()}` });
    await this.outbox.publish(closed.flatMap((c) => c.events));
    return closed.length;
  }
}
