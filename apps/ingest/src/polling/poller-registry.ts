import type { SourceConfig } from '../sources/source.model';
import type { Poller } from './poller';

/** The poller of each kind of source; intake and push-only sources have none. */
export class PollerRegistry {
  constructor(private readonly pollers: { vkWall: Poller; vkSearch: Poller; okFeed: Poller; telegram: Poller }) {}

  pollerFor(source: SourceConfig): Poller | undefined {
    if (source.platform === 'vk') return source.kind === 'search' ? this.pollers.vkSearch : source.kind === 'community' ? this.pollers.vkWall : undefined;
    if (source.platform === 'ok' && source.kind === 'community') return this.pollers.okFeed;
    if (source.platform === 'telegram' && source.kind === 'community') return this.pollers.telegram;
    return undefined;
  }
}
