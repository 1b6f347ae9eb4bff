import { Injectable, OnApplicationBootstrap, BeforeApplicationShutdown, Inject } from '@nestjs/common';
import type { Logger } from 'pino';
import { InjectLogger } from '@otklik/platform';
import { ingestConfig, IngestConfig } from '../config/ingest.config';
import { SourcesService } from '../sources/sources.service';
import type { SourceConfig } from '../sources/source.model';
import type { SourcesWatcher } from '../sources/source-changes';
import { PollRunnerService } from './poll-runner.service';
import type { Poller } from './poller';
import { PollerRegistry } from './poller-registry';

/** How often the scheduler re-reads the source list, so API changes take effect without a restart. */
const REFRESH_MS = 15_000;
/** Longest wait between runs of a failing unit. */
const MAX_BACKOFF_MS = 3600_000;

interface Unit {
  key: string;
  poller: Poller;
  sources: SourceConfig[];
  loop: Promise<void>;
  stop: AbortController;
}

/**
 * Runs every polling unit on its own loop: poll, wait the source's interval (longer after failures,
 * doubling up to an hour), poll again. A unit is never run twice at once; units whose sources were
 * changed or removed are restarted or stopped at the next refresh.
 */
@Injectable()
export class PollSchedulerService implements SourcesWatcher, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly units = new Map<string, Unit>();
  private refreshTimer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly sources: SourcesService,
    private readonly runner: PollRunnerService,
    private readonly pollers: PollerRegistry,
    @Inject(ingestConfig.KEY) private readonly config: IngestConfig,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.pollingEnabled) return;
    this.refreshTimer = setInterval(() => void this.refresh().catch((error: unknown) => this.logger.error({ err: error }, 'source refresh failed')), REFRESH_MS);
    this.refreshTimer.unref();
    await this.refresh();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.refreshTimer);
    await Promise.all([...this.units.values()].map((unit) => this.stopUnit(unit)));
  }

  /** Starts units for new sources, restarts changed ones, stops removed or disabled ones. */
  async refresh(): Promise<void> {
    if (!this.config.pollingEnabled || this.stopped) return;
    const wanted = new Map<string, { poller: Poller; sources: SourceConfig[] }>();
    for (const source of await this.sources.enabled()) {
      const poller = this.pollers.pollerFor(source);
      if (!poller) continue;
      const key = poller.unitKey(source);
      const unit = wanted.get(key) ?? { poller, sources: [] };
      unit.sources.push(source);
      wanted.set(key, unit);
    }
    for (const [key, unit] of this.units) {
      const next = wanted.get(key);
      if (!next || JSON.stringify(next.sources) !== JSON.stringify(unit.sources)) await this.stopUnit(unit);
    }
    for (const [key, { poller, sources }] of wanted) {
      if (this.units.has(key)) continue;
      const stop = new AbortController();
      const unit: Unit = { key, poller, sources, stop, loop: Promise.resolve() };
      unit.loop = this.runUnit(unit);
      this.units.set(key, unit);
    }
  }

  private async stopUnit(unit: Unit): Promise<void> {
    unit.stop.abort();
    this.units.delete(unit.key);
    await unit.loop;
  }

  private async runUnit(unit: Unit): Promise<void> {
    let failures = 0;
    while (!unit.stop.signal.aborted) {
      const summary = await this.runner.run(unit.poller, unit.sources, unit.stop.signal).catch((error: unknown) => {
        this.logger.error({ err: error, unit: unit.key }, 'polling run crashed');
        return { state: 'error' as const, error: 'crashed' };
      });
      failures = summary.state === 'ok' ? 0 : failures + 1;
      if (summary.state !== 'ok') this.logger.warn({ unit: unit.key, state: summary.state, reason: summary.error }, 'polling run did not succeed');
      const interval = Math.min(...unit.sources.map((s) => s.pollIntervalSec)) * 1000;
      const wait = failures === 0 ? interval : Math.min(MAX_BACKOFF_MS, Math.max(interval, 5000) * 2 ** (failures - 1));
      await this.sleep(wait, unit.stop.signal);
    }
  }

  private sleep(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal.aborted || ms <= 0) return resolve();
      const timer = setTimeout(resolve, ms);
      signal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    });
  }
}
