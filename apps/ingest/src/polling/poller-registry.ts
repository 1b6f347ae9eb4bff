import { Injectable } from '@nestjs/common';
import type { SourceConfig, SourceKind } from '../sources/source.model';
import type { Poller } from './poller';

/**
 * The poller of each kind of source, as the connectors' modules register them at start (so that
 * polling/ imports none of them); intake and push-only sources have none.
 */
@Injectable()
export class PollerRegistry {
  private readonly pollers = new Map<string, Poller>();

  /** Has `poller` poll the sources of its platform and `kind`; one poller per platform and kind. */
  register(kind: SourceKind, poller: Poller): void {
    const key = `${poller.platform}:${kind}`;
    if (this.pollers.has(key)) throw new Error(`a poller of ${key} sources is registered already`);
    this.pollers.set(key, poller);
  }

  pollerFor(source: SourceConfig): Poller | undefined {
    return this.pollers.get(`${source.platform}:${source.kind}`);
  }
}
