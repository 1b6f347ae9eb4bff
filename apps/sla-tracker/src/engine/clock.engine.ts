import { OutboxRelay } from '@otklik/messaging';
import { advance } from '../clock/clock-schedule';
import { arm, transition } from '../clock/clock.machine';
import { ClockEnv, ClockEvent, ClockInput, ClockState } from '../clock/clock.types';
import { ClockStore } from '../store/clock.store';
import { clockBatch, ClockOutboxBatch, ClockOutboxStore } from '../store/clock-outbox.store';
import type { EngineLease } from '../store/engine-lease.store';
import { clockOf, type TimerHints } from '../store/timer-hints.store';
import type { ClockEventSink } from '../sla-events/clock-event.sink';
import { TimerScheduler } from '../timers/timer-scheduler';
import { LeadershipOptions, TimerLeadership } from './timer-leadership';

export interface ClockEngineOptions {
  /** Name under which this engine records its progress (one per deployment). */
  name?: string;
  /** How far ahead timers are held in memory (at least a day keeps store reads rare). */
  horizonMs: number;
  /** On a first start (no recorded progress), how far back overdue timers are looked for. */
  firstStartCatchUpMs?: number;
  batchSize: number;
  now?: () => number;
  onError?: (error: Error) => void;
  /** Pause before a failed timer batch is tried again. */
  retryMs?: number;
  /** Told after every committed transition (metrics, KPI counters). */
  onCommitted?: (before: ClockState | null, after: ClockState, events: ClockEvent[]) => void;
  /** Told of every batch of events handed to the sink (lateness metrics). */
  onDelivered?: (events: ClockEvent[]) => void;
  /**
   * Several replicas on one database: only the holder of the lease fires timers; the others apply
   * facts and leave a hint for it. Without this the engine assumes it is alone.
   */
  replicas?: { lease: EngineLease; hints: TimerHints } & Omit<LeadershipOptions, 'now' | 'onError'>;
  /** Told when this engine starts or stops firing timers among replicas. */
  onLeadership?: (leading: boolean) => void;
}

/** Attempts at a transition when other writers keep changing the same clock. */
const MAX_ATTEMPTS = 5;
const DAY_MS = 86_400_000;
/** Progress is recorded at most this often. */
const MARK_EVERY_MS = 5_000;
/**
 * Fired clocks whose new states may be in writing at once; more wait before they fire. Writes are
 * slower than announcements (two database operations a clock), so after downtime the catch-up
 * runs ahead of its writes instead of holding back the timers that fall due meanwhile.
 */
const MAX_CLOCKS_IN_WRITING = 10_000;
/** Hints read by the leader per tick. */
const HINTS_PER_TICK = 1_000;

/** A timer step announced and to be written: the clock's state before and after. */
interface Fired {
  id: string;
  rev: number;
  before: ClockState;
  state: ClockState;
  events: ClockEvent[];
}

/**
 * Runs every clock. An incoming fact is applied as a guarded write of the new state together with
 * its events (outbox), then published and cleared through the messaging lib's relay; a crash
 * between the write and the publish leaves the events in the outbox, published at the next start
 * with the same keys. The relay is not left running: the engine drives it, so that a clock's
 * outbox goes out while its turn is held, before any timer event of the clock announced later.
 *
 * A due timer is announced first and written after: its events are computed from the clock held
 * in memory and published at once, so lateness is the broker's round trip, not the database's;
 * the new state is then written while the clock's turn is held. A crash or failed write between
 * the two fires the timer again from the stored state, with the same keys — consumers, which
 * deduplicate on event ids, see each fact once.
 */
export class ClockEngine {
  private scheduler: TimerScheduler;
  /** Whether this engine fires timers: always when alone, while it holds the lease among replicas. */
  private leading: boolean;
  private readonly leadership: TimerLeadership | undefined;
  private readonly now: () => number;
  private readonly name: string;
  private lastMark = 0;
  private marking: Promise<void> = Promise.resolve();
  /** Tail of the work queued per clock: one clock's inputs and timers run one at a time. */
  private readonly queues = new Map<string, Promise<unknown>>();
  private purgeTimer: NodeJS.Timeout | undefined;
  /** Publishes and clears outboxes; what it could not publish waits in it and goes out before the next fire. */
  private readonly outbox: OutboxRelay<ClockOutboxBatch>;
  /** Clocks whose timers are held in memory, as last read or written: a fire needs no read. */
  private readonly held = new Map<string, { rev: number; state: ClockState }>();
  /** Writes of fired steps still in progress, and how many clocks they hold. */
  private readonly writing = new Set<Promise<void>>();
  private clocksInWriting = 0;

  constructor(
    private readonly store: ClockStore,
    private readonly env: ClockEnv,
    private readonly sink: ClockEventSink,
    private readonly options: ClockEngineOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.name = options.name ?? 'sla-tracker';
    this.scheduler = this.newScheduler();
    this.outbox = new OutboxRelay(
      new ClockOutboxStore(store),
      {
        publish: async (messages) => {
          const events = messages.map((m) => m.event);
          await this.sink.publish(events);
          this.options.onDelivered?.(events);
        },
      },
      // Swept once, at start (`drain`): the scan reads every clock collection.
      { name: 'sla.clocks', sweepIntervalMs: Number.POSITIVE_INFINITY, stopWaitMs: 5_000 },
    );
    this.leading = !options.replicas;
    const replicas = options.replicas;
    this.leadership =
      replicas &&
      new TimerLeadership(
        replicas.lease,
        { lead: () => this.lead(), follow: () => this.follow(), whileLeading: () => this.takeHints(replicas.hints) },
        { ...replicas, now: this.now, onError: options.onError },
      );
  }

  private newScheduler(): TimerScheduler {
    return new TimerScheduler(
      {
        loadDueBefore: (from, until, on) =>
          this.store.loadDueBefore(from, until, (doc, at) => {
            // A clock changed while the store was read is held as changed; what was read is older.
            if (this.scheduler.changedSinceRefillBegan(doc._id)) return;
            this.held.set(doc._id, { rev: doc.rev, state: doc.state });
            on(doc._id, at);
          }),
      },
      (due) => this.fire(due.map((d) => d.id)),
      {
        horizonMs: this.options.horizonMs,
        batchSize: this.options.batchSize,
        now: this.now,
        onError: this.options.onError,
        retryMs: this.options.retryMs,
        onProcessed: (until) => this.recordProgress(until),
      },
    );
  }

  /** Timers held in memory now. */
  get timersInMemory(): number {
    return this.scheduler.size;
  }

  /**
   * Publishes what a crash left unpublished, loads the timers from a day before the recorded
   * progress (so nothing due during downtime is missed) and starts firing, oldest first.
   */
  async start(): Promise<void> {
    await this.store.init();
    // What a crash left committed but unpublished goes out first (same keys: consumers see it once).
    await this.outbox.drain();
    if (this.leadership) await this.leadership.start();
    else await this.startTimers();
    // Claims only matter while a write is in flight; old ones are swept now and then, off the start path.
    this.purgeTimer = setTimeout(() => {
      void this.purgeClaims();
      this.purgeTimer = setInterval(() => void this.purgeClaims(), 6 * 3_600_000);
      this.purgeTimer.unref();
    }, 10 * 60_000);
    this.purgeTimer.unref();
  }

  async stop(): Promise<void> {
    clearTimeout(this.purgeTimer);
    clearInterval(this.purgeTimer);
    if (this.leadership) await this.leadership.stop();
    await this.scheduler.stop();
    await Promise.all(this.writing);
    await this.marking;
    await this.outbox.stop();
  }

  /** Whether this engine fires timers now. */
  get isLeading(): boolean {
    return this.leading;
  }

  private async startTimers(): Promise<void> {
    const processed = await this.store.processedUntil(this.name);
    const from = processed !== undefined ? processed - DAY_MS : this.now() - (this.options.firstStartCatchUpMs ?? 7 * DAY_MS);
    await this.scheduler.start(from);
  }

  /** Took the lease: load the timers afresh from the store (another replica fired meanwhile). */
  private async lead(): Promise<void> {
    this.leading = true;
    this.held.clear();
    this.scheduler = this.newScheduler();
    await this.startTimers();
    this.options.onLeadership?.(true);
  }

  /** Lost or gave up the lease: stop firing and forget the held clocks, which others now change. */
  private async follow(): Promise<void> {
    this.leading = false;
    await this.scheduler.stop();
    await Promise.all(this.writing);
    this.held.clear();
    this.options.onLeadership?.(false);
  }

  /** Reads again the clocks other replicas changed and reschedules their timers. */
  private async takeHints(hints: TimerHints): Promise<void> {
    const taken = await hints.take(HINTS_PER_TICK);
    if (!taken.length) return;
    const ids = [...new Set(taken.map(clockOf))];
    const release = await this.takeTurns(ids);
    try {
      const read = new Map((await this.store.getMany(ids)).map((doc) => [doc._id, doc]));
      for (const id of ids) {
        const doc = read.get(id);
        if (doc) this.hold(id, doc.rev, doc.state);
        else this.hold(id, 0, null);
      }
    } finally {
      release();
    }
    await hints.done(taken);
  }

  /** Applies one fact to an incident's clock; returns the events it caused. */
  apply(incidentId: string, input: ClockInput, cause: { correlationId?: string; causationId?: string } = {}): Promise<ClockEvent[]> {
    return this.exclusive(incidentId, () => this.applyNow(incidentId, input, cause));
  }

  private async applyNow(incidentId: string, input: ClockInput, cause: { correlationId?: string; causationId?: string }): Promise<ClockEvent[]> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const doc = await this.store.get(incidentId);
      // Events an earlier attempt committed but could not publish go out before anything new.
      if (doc?.outbox.length) await this.deliver(doc._id, doc.rev, doc.outbox);
      const before = doc?.state ?? null;
      let result;
      if (before) result = transition(before, input, this.env);
      else if (input.kind === 'routed') result = arm(incidentId, input, this.env);
      else return [];
      if (!result.changed) return [];
      let state: ClockState = before ? result.state : { ...result.state, correlationId: cause.correlationId };
      let events = result.events;
      if (state.nextAt !== null && state.nextAt <= this.now()) {
        const caught = advance(state, this.now(), this.env);
        state = caught.state;
        events = [...events, ...caught.events];
      }
      events = events.map((e) => ({ ...e, correlationId: state.correlationId, causationId: cause.causationId }));
      // A follower tells the leader after the write (it must read the new state), and before it too,
      // so that a crash between the write and the second hint still leaves one.
      const hints = this.leading ? undefined : this.options.replicas?.hints;
      await hints?.note(incidentId);
      const won = await this.store.commit([{ id: incidentId, rev: doc?.rev ?? 0, state, events }]);
      await hints?.note(incidentId);
      if (!won.has(incidentId)) continue;
      this.options.onCommitted?.(before, state, events);
      const rev = (doc?.rev ?? 0) + 1;
      // The timer runs whether or not the publish below succeeds: the events wait in the outbox.
      this.hold(incidentId, rev, state);
      await this.deliver(incidentId, rev, events);
      return events;
    }
    throw new Error(`clock ${incidentId}: gave up after ${MAX_ATTEMPTS} conflicting writes`);
  }

  /**
   * Fires the due timers of a batch of clocks: announces their events (in due order across the
   * batch) and hands back to the scheduler; the new states are written meanwhile, each clock's
   * turn held until its write is done so later work on it sees the written state.
   */
  private async fire(ids: string[]): Promise<void> {
    // Events of applied facts that a broker outage held back go out before anything newer.
    await this.outbox.publishAll().catch((error: Error) => this.options.onError?.(error));
    while (this.clocksInWriting >= MAX_CLOCKS_IN_WRITING) await Promise.race(this.writing);
    const release = await this.takeTurns(ids);
    let fired: Fired[];
    try {
      fired = await this.dueSteps(ids);
      const events = fired.flatMap((f) => f.events).sort((a, b) => a.at - b.at);
      // A failed publish throws before anything is written: the scheduler tries the batch again.
      if (events.length) {
        await this.sink.publish(events);
        this.options.onDelivered?.(events);
      }
    } catch (error) {
      release();
      throw error;
    }
    this.clocksInWriting += fired.length;
    const write = this.writeFired(fired).finally(() => {
      release();
      this.clocksInWriting -= fired.length;
    });
    this.writing.add(write);
    void write.finally(() => this.writing.delete(write));
  }

  /** The due steps of the batch's clocks, computed from the held (or, if not held, stored) state. */
  private async dueSteps(ids: string[]): Promise<Fired[]> {
    const fired: Fired[] = [];
    // Among replicas another one may have applied a fact a moment ago: fire from the stored state.
    if (this.options.replicas) for (const id of ids) this.held.delete(id);
    for (const doc of await this.current(ids)) {
      const nextAt = doc.state.nextAt;
      if (nextAt === null || nextAt > this.now()) {
        this.scheduler.schedule(doc.id, nextAt);
        continue;
      }
      const { state, events } = advance(doc.state, this.now(), this.env);
      fired.push({ id: doc.id, rev: doc.rev, before: doc.state, state, events: events.map((e) => ({ ...e, correlationId: state.correlationId })) });
    }
    return fired;
  }

  /**
   * Writes announced steps. A clock whose write is lost (changed elsewhere) or fails is read again
   * and its timer rescheduled from the stored state: a step not written fires again, same keys.
   */
  private async writeFired(fired: Fired[]): Promise<void> {
    let won = new Set<string>();
    try {
      won = await this.store.commit(fired.map(({ id, rev, state }) => ({ id, rev, state, events: [] })));
    } catch (error) {
      this.options.onError?.(error as Error);
    }
    for (const f of fired) {
      if (won.has(f.id)) {
        this.options.onCommitted?.(f.before, f.state, f.events);
        this.hold(f.id, f.rev + 1, f.state);
      } else {
        // Not before the retry pause: a database that is away is not asked again at once.
        this.held.delete(f.id);
        this.scheduler.schedule(f.id, Math.max(f.before.nextAt ?? 0, this.now() + (this.options.retryMs ?? 1000)));
      }
    }
  }

  /** Waits for the turn of every clock in `ids`; the returned function gives them back. */
  private async takeTurns(ids: string[]): Promise<() => void> {
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    await Promise.all(
      ids.map(
        (id) =>
          new Promise<void>((entered) => {
            void this.exclusive(id, async () => {
              entered();
              await released;
            });
          }),
      ),
    );
    return release;
  }

  /** Runs `work` after everything queued before it for the same clock. */
  private exclusive<T>(id: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(id) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(id, tail);
    void tail.then(() => {
      if (this.queues.get(id) === tail) this.queues.delete(id);
    });
    return result;
  }

  private async purgeClaims(): Promise<void> {
    const today = Math.floor(this.now() / DAY_MS);
    const days = [today - 3, today - 2];
    await this.store.purgeClaims(days).catch((error: Error) => this.options.onError?.(error));
  }

  /** The clocks as held in memory, or read from the store when not held (or after a lost write). */
  private async current(ids: string[]): Promise<{ id: string; rev: number; state: ClockState }[]> {
    const missing = ids.filter((id) => !this.held.has(id));
    const read = await this.store.getMany(missing);
    for (const doc of read) this.held.set(doc._id, { rev: doc.rev, state: doc.state });
    return ids.flatMap((id) => {
      const held = this.held.get(id);
      return held ? [{ id, ...held }] : [];
    });
  }

  /** Keeps a clock in memory while its timer is; schedules (or cancels) the timer. */
  private hold(id: string, rev: number, state: ClockState | null): void {
    if (!this.leading) return;
    this.scheduler.schedule(id, state?.nextAt ?? null);
    if (!state) {
      this.held.delete(id);
      return;
    }
    if (this.scheduler.holds(id)) this.held.set(id, { rev, state });
    else this.held.delete(id);
  }

  /**
   * Publishes a clock's outbox at revision `rev` and waits for it to be cleared, so that the clock's
   * next write finds it empty. A failed publish throws; the events wait in the relay (and the
   * outbox) and go out before the next fire, or with the clock's next fact.
   */
  private async deliver(id: string, rev: number, events: readonly ClockEvent[]): Promise<void> {
    await this.outbox.publishNow([clockBatch(id, rev, events)], { untilCleared: true });
  }

  private recordProgress(until: number): void {
    if (until - this.lastMark < MARK_EVERY_MS) return;
    this.lastMark = until;
    this.marking = this.store.markProcessed(this.name, until).catch((error: Error) => this.options.onError?.(error));
  }
}
