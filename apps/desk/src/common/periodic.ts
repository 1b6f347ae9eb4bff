import { Logger } from '@nestjs/common';

/**
 * A background job run every few seconds and on demand, one run at a time. Failures are logged
 * and the next run tries again; stopping waits for the run in progress.
 */
export class Periodic {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly name: string,
    private readonly task: () => Promise<unknown>,
    private readonly everyMs: number,
    private readonly logger: Logger,
  ) {}

  /** Starts the timer; a second call (a hybrid app runs init hooks once per part) does nothing. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.run(), this.everyMs);
    this.timer.unref();
  }

  /** Runs now, or joins the run in progress. */
  run(): Promise<void> {
    this.running ??= this.task()
      .then(() => undefined, (error: Error) => this.logger.error(`${this.name}: ${error.message}`))
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
