import { Injectable } from '@nestjs/common';

/** What applies a change of sources at once rather than at its next periodic refresh (the poll scheduler). */
export interface SourcesWatcher {
  /** Reads the sources again and starts, restarts or stops their polling. */
  refresh(): Promise<void>;
}

/**
 * Where the sources API tells of a change. The poll scheduler watches here, so that sources/
 * does not import the polling that reads the sources.
 */
@Injectable()
export class SourceChanges {
  private readonly watchers: SourcesWatcher[] = [];

  /** Has `watcher` refresh on every change from now on. */
  watch(watcher: SourcesWatcher): void {
    this.watchers.push(watcher);
  }

  /** Tells every watcher of a change; resolves once all of them have refreshed. */
  async changed(): Promise<void> {
    await Promise.all(this.watchers.map((watcher) => watcher.refresh()));
  }
}
