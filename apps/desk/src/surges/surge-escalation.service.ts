import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { derivedEventId, TOPICS } from '@otklik/contracts';
import { InjectLogger, PeriodicTask } from '@otklik/platform';
import { CommandEmitter } from '../actions/command-emitter';
import { DESK_CONFIG, DeskConfig } from '../config/desk.config';
import { SurgeClaims } from './surge-claims';
import { SurgeRecord } from './surge.schema';
import { SurgeStore } from './surge.store';

const BATCH = 50;
const DUPLICATE_KEY = 11000;

/** How often to look for due surges: a quarter of the time allowed, between 250 ms and 15 s. */
export function checkEveryMs(acknowledgeMs: number): number {
  return Math.min(15_000, Math.max(250, Math.floor(acknowledgeMs / 4)));
}

/**
 * The surge timer. Desk owns it because desk owns what stops it: the queue and its
 * acknowledgements are desk's own data, so "acknowledged in time or not" is decided in one
 * database by one claim, with no event in flight to race. A surge nobody acknowledged by its
 * deadline goes to the supervisor step of the escalation chain as `surge.escalated` (the notifier
 * tells the supervisors the directory names); it stays in the queue until someone acknowledges it.
 */
@Injectable()
export class SurgeEscalationService implements OnModuleInit, OnModuleDestroy {
  private readonly job: PeriodicTask;

  constructor(
    private readonly surges: SurgeStore,
    @Inject(DESK_CONFIG) config: DeskConfig,
    private readonly claims: SurgeClaims,
    private readonly emitter: CommandEmitter,
    @InjectLogger() private readonly logger: Logger,
  ) {
    this.job = new PeriodicTask('surge escalation', checkEveryMs(config.surgeAcknowledgeMs), () => this.escalateDue(), this.logger);
  }

  onModuleInit(): void {
    this.job.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.job.stop();
  }

  /** Escalates every surge past its deadline that nobody acknowledged; returns how many. */
  async escalateDue(now = new Date()): Promise<number> {
    const due = await this.surges.overdue(now, BATCH);
    let escalated = 0;
    for (const surge of due) if (await this.escalate(surge, now)) escalated += 1;
    return escalated;
  }

  private async escalate(surge: SurgeRecord, now: Date): Promise<boolean> {
    if (!(await this.claims.deadline(surge.surgeId, 'escalation', now))) return false;
    const eventId = derivedEventId(`surge.escalated:${surge.surgeId}`, surge.acknowledgeBy.getTime());
    try {
      await this.emitter.emitAbout(
        TOPICS.surgeEscalated,
        {
          surgeId: surge.surgeId,
          territoryCode: surge.territoryCode,
          territoryName: surge.territoryName,
          topicCode: surge.topicCode,
          incidentIds: surge.incidentIds,
          detectedAt: surge.detectedAt.toISOString(),
          acknowledgeBy: surge.acknowledgeBy.toISOString(),
          role: 'supervisor',
          escalatedAt: now.toISOString(),
        },
        { key: surge.key, correlationId: surge.correlationId, causationId: surge.surgeId, eventId },
        now,
      );
    } catch (error) {
      // Stored before a crash that kept the surge from being marked: the event is on its way already.
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
    }
    await this.surges.markEscalated(surge.surgeId, now, eventId);
    this.logger.warn(`surge ${surge.surgeId} (${surge.key}) not acknowledged by ${surge.acknowledgeBy.toISOString()}: escalated to the supervisors`);
    return true;
  }
}
