import type { NewsfeedSearchExtendedResponse } from '@vkontakte/api-schema-typescript';
import type { PollBatch, PollContext, Poller } from '../polling/poller';
import type { Observation } from '../posts/post.model';
import type { SourceConfig } from '../sources/source.model';
import type { VkApiClient } from './vk-api.client';
import { vkNames, vkPostDraft } from './vk.mapper';

/** Tuning of keyword search. */
export interface VkSearchOptions {
  /** Results per page (newsfeed.search allows up to 200). */
  pageSize: number;
  maxPagesPerQuery: number;
  /** VK indexes posts with a delay: each run searches again from this long before the newest seen. */
  overlapMs: number;
  /** How far back the first run of a query searches. */
  backfillMs: number;
}

/** Defaults: 200 a page, 10 pages, 15 minutes of overlap, one day of backfill. */
export const DEFAULT_VK_SEARCH_OPTIONS: VkSearchOptions = {
  pageSize: 200,
  maxPagesPerQuery: 10,
  overlapMs: 15 * 60_000,
  backfillMs: 86400_000,
};

/** Per query: the start_time (Unix seconds) the next run searches from. */
export interface VkSearchCheckpoint {
  startTime: Record<string, number>;
}

/**
 * Keyword searches across VK with newsfeed.search: `start_time` from the checkpoint minus an
 * overlap (VK's index lags), `next_from` paging. Posts found again are absorbed by the recorder.
 */
export class VkSearchPoller implements Poller {
  readonly platform = 'vk' as const;

  constructor(
    private readonly client: VkApiClient,
    private readonly options: VkSearchOptions = DEFAULT_VK_SEARCH_OPTIONS,
    private readonly now: () => Date = () => new Date(),
  ) {}

  unitKey(source: SourceConfig): string {
    return source.id;
  }

  async *poll(context: PollContext): AsyncIterable<PollBatch> {
    const source = context.sources[0];
    const previous = (context.checkpoint as VkSearchCheckpoint | undefined)?.startTime ?? {};
    const startTime: Record<string, number> = {};
    const nowSeconds = Math.floor(this.now().getTime() / 1000);
    for (const query of source.queries) {
      const from = previous[query] ?? nowSeconds - Math.floor(this.options.backfillMs / 1000);
      let newest = from;
      let nextFrom: string | undefined;
      for (let page = 0; page < this.options.maxPagesPerQuery; page += 1) {
        const answer: NewsfeedSearchExtendedResponse = await this.client.call(
          'newsfeed.search',
          {
            q: query,
            start_time: from,
            count: this.options.pageSize,
            start_from: nextFrom,
            extended: 1,
            fields: 'first_name,last_name',
          },
          context.credential,
        );
        const names = vkNames(answer.profiles, answer.groups);
        const observations: Observation[] = [];
        for (const item of answer.items ?? []) {
          const draft = vkPostDraft(item, source, names);
          if (draft) observations.push({ kind: 'post', draft });
          newest = Math.max(newest, item.date ?? 0);
        }
        yield { observations };
        nextFrom = answer.next_from || undefined;
        if (!nextFrom || (answer.items ?? []).length === 0) break;
      }
      startTime[query] = Math.max(from, newest - Math.floor(this.options.overlapMs / 1000));
    }
    yield { observations: [], checkpoint: { startTime } satisfies VkSearchCheckpoint };
  }
}
