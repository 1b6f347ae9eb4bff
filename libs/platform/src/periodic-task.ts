/** Where a failed run is told: a pino logger or Nest's Logger both fit. */
export interface TaskLogger {
  error(message: string): void;
}

/**
 * A piece of background work run every `everyMs` (flushes, sweeps, polls of due work): never two
 * runs at once — the next is planned when the previous ends — and a failed run is logged and
 * tried again next time. `stop()` cancels what is planned and waits for a run in progress, so a
 * service stops it before its database connection closes.
 */
export class PeriodicTask {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = true;

  constructor(
    readonly name: string,
    private readonly everyMs: number,
    private readonly work: () => Promise<unknown>,
    private readonly logger: TaskLogger,
  ) {}

  /** Plans the first run after `firstInMs` (default: a full period); a task already started stays as it is. */
  start(firstInMs: number = this.everyMs): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.plan(firstInMs);
  }

  /** Runs now, or — when a run is in progress — waits for that one instead of starting another. */
  runNow(): Promise<void> {
    this.running ??= this.work()
      .then(
        () => undefined,
        (error: unknown) => this.logger.error(`${this.name} failed; will retry: ${error instanceof Error ? error.message : String(error)}`),
      )
      .finally(() => (this.running = undefined));
    return this.running;
  }

  /** Cancels the next run and waits for one in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private plan(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.runNow().then(() => this.plan(this.everyMs)), delayMs);
    this.timer.unref();
  }
}
