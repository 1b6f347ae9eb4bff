import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { Logger } from 'pino';
import type { RoutedAgency } from '@otklik/contracts';
import { ConfigType } from '@otklik/config';
import { InjectLogger } from '@otklik/platform';
import { ClockEvent, ClockInput, ClockState } from '../clock/clock.types';
import { AgencyHoursStore } from '../store/agency-hours.store';
import { ClockStore } from '../store/clock.store';
import { EngineLease } from '../store/engine-lease.store';
import { TimerHints } from '../store/timer-hints.store';
import { slaConfig } from '../config/sla.config';
import { ClockCounters, counterDeltas } from '../counters/clock-counters';
import { KafkaClockSink } from '../sla-events/kafka-clock.sink';
import { slaMetrics } from '../metrics/sla.metrics';
import { AgencyClocks } from '../working-time/agency-clocks';
import { weeklyHoursOf } from '../working-time/directory-hours';
import { WorkingHoursError } from '../working-time/working-hours';
import { ClockEngine } from './clock.engine';
import { buildClockEnv } from './clock-env.factory';

/**
 * The engine lease: a replica that dies is replaced as timer leader within `ttlMs` + `renewMs`
 * (its timers fire that much late, once); one that stops cleanly hands over within `renewMs`.
 */
const LEASE = { ttlMs: 15_000, renewMs: 5_000, tickMs: 500 };
/**
 * How often the open-incident and on-time gauges are read again from the database's counters,
 * which every replica updates: each replica then reports the same totals, not only its own share.
 */
const GAUGES_REFRESH_MS = 15_000;

/** The running clock engine inside the service: started after the app boots, stopped before it closes. */
@Injectable()
export class ClockEngineService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly engine: ClockEngine;
  readonly store: ClockStore;
  private readonly counters: ClockCounters;
  private readonly agencies: AgencyClocks;
  private readonly agencyHours: AgencyHoursStore;
  /** First answers per agency since the counters began, mirrored from the database at start. */
  private readonly answerCounts = new Map<string, { on_time: number; late: number }>();
  private gaugesTimer: NodeJS.Timeout | undefined;

  constructor(
    @InjectConnection() connection: Connection,
    @Inject(slaConfig.KEY) config: ConfigType<typeof slaConfig>,
    sink: KafkaClockSink,
    @InjectLogger() private readonly logger: Logger,
  ) {
    const db = connection.db;
    if (!db) throw new Error('sla-tracker: MongoDB connection has no database');
    this.store = new ClockStore(db, config.collections);
    this.counters = new ClockCounters(db);
    this.agencyHours = new AgencyHoursStore(db);
    const env = buildClockEnv(config, (year) => {
      slaMetrics.calendarFallback.inc({ year: String(year) });
      logger.warn({ year }, 'no production calendar for this year: Labour Code holidays used (results flagged calendarKnown=false)');
    });
    this.agencies = env.agencies;
    this.engine = new ClockEngine(this.store, env, sink, {
      horizonMs: config.horizonMs,
      batchSize: config.batchSize,
      firstStartCatchUpMs: config.firstStartCatchUpMs,
      onError: (error) => logger.error({ err: error }, 'clock timers: batch failed, will retry'),
      onCommitted: (before, after, events) => this.committed(before, after, events),
      onDelivered: (events) => this.delivered(events),
      // Replicas share the database: the lease holder fires the timers, the others hand it hints.
      replicas: { lease: new EngineLease(db, 'sla-tracker'), hints: new TimerHints(db), ...LEASE },
      onLeadership: (leading) =>
        logger.info(
          { timers: this.engine.timersInMemory },
          leading ? 'this replica holds the engine lease: it fires the SLA timers' : 'this replica gave up the engine lease: another one fires the SLA timers',
        ),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    // Announced hours first: the timers loaded next are counted on them.
    for (const doc of await this.agencyHours.all()) this.agencies.learn(doc._id, doc.hours);
    await this.engine.start();
    await this.loadCounters();
    this.gaugesTimer = setInterval(() => {
      this.loadCounters().catch((error: Error) => this.logger.error({ err: error }, 'clock counters not read'));
    }, GAUGES_REFRESH_MS);
    this.gaugesTimer.unref();
    this.logger.info({ timers: this.engine.timersInMemory, firesTimers: this.engine.isLeading }, 'clock engine started');
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.gaugesTimer);
    await this.engine.stop();
  }

  /**
   * Takes an agency's working week from a routing (the router's directory); new or changed hours
   * are kept, and count for the agency's clocks from now on. Hours that cannot be used are
   * reported and ignored: the clock falls back to the configured or civil-service week.
   */
  async learnAgencyHours(agencyId: string, agency: RoutedAgency): Promise<void> {
    let hours;
    try {
      hours = weeklyHoursOf(agency);
    } catch (error) {
      if (!(error instanceof WorkingHoursError)) throw error;
      this.logger.warn({ agencyId, error: error.message }, 'agency hours from the directory ignored');
      return;
    }
    if (this.agencies.learn(agencyId, hours)) await this.agencyHours.save(agencyId, hours);
  }

  /** Applies a fact to an incident's clock. */
  apply(incidentId: string, input: ClockInput, cause: { correlationId?: string; causationId?: string }): Promise<ClockEvent[]> {
    return this.engine.apply(incidentId, input, cause);
  }

  private committed(before: ClockState | null, after: ClockState, events: ClockEvent[]): void {
    const deltas = counterDeltas(before, after, events);
    for (const d of deltas) if (d.kind === 'open') slaMetrics.openIncidents.inc({ state: d.label, agency: d.agencyId }, d.by);
    for (const e of events) {
      if (e.kind !== 'met') continue;
      slaMetrics.answers.inc({ agency: e.facts.agencyId, phase: e.facts.phase, on_time: String(e.onTime) });
      slaMetrics.timeToAnswer.observe({ agency: e.facts.agencyId, topic_code: e.facts.topicCode, phase: e.facts.phase }, e.minutesTaken / 60);
    }
    for (const d of deltas) if (d.kind === 'answers') this.countAnswer(d.agencyId, d.label, d.by);
    this.counters.apply(deltas).catch((error: Error) => this.logger.error({ err: error, incidentId: after.incidentId }, 'clock counters not updated'));
    slaMetrics.timersInMemory.set(this.engine.timersInMemory);
  }

  private delivered(events: ClockEvent[]): void {
    const now = Date.now();
    for (const e of events) {
      slaMetrics.events.inc({ kind: e.kind });
      if (e.kind === 'warning' || e.kind === 'breached' || e.kind === 'escalated') slaMetrics.fireLateness.observe(Math.max(0, now - e.at) / 1000);
    }
  }

  private async loadCounters(): Promise<void> {
    const counters = await this.counters.all();
    this.answerCounts.clear();
    slaMetrics.openIncidents.reset();
    for (const d of counters) {
      if (d.kind === 'open') slaMetrics.openIncidents.set({ state: d.label, agency: d.agencyId }, d.count);
      else this.countAnswer(d.agencyId, d.label, d.count);
    }
  }

  private countAnswer(agency: string, label: string, by: number): void {
    const counts = this.answerCounts.get(agency) ?? { on_time: 0, late: 0 };
    if (label === 'on_time') counts.on_time += by;
    else counts.late += by;
    this.answerCounts.set(agency, counts);
    const total = counts.on_time + counts.late;
    if (total > 0) slaMetrics.onTimeShare.set({ agency }, counts.on_time / total);
  }
}
