import type { PollBatch, PollContext, Poller } from '../polling/poller';
import type { Observation } from '../posts/post.model';
import type { SourceConfig } from '../sources/source.model';
import type { TelegramApiClient } from './telegram-api.client';
import { telegramDraft, TelegramThreads } from './telegram.mapper';

/** Where the bot's updates were confirmed up to, and the discussion thread index. */
export interface TelegramCheckpoint {
  offset?: number;
  threads: Record<string, string>;
}

/**
 * Long polling with getUpdates for one bot, serving every channel the bot watches. The offset is
 * saved only after the updates are recorded; Telegram re-delivers anything not confirmed by a
 * higher offset, so a crash repeats updates (absorbed by the recorder) and loses none.
 */
export class TelegramPoller implements Poller {
  readonly platform = 'telegram' as const;

  constructor(
    private readonly client: TelegramApiClient,
    private readonly longPollSec = 25,
  ) {}

  unitKey(source: SourceConfig): string {
    return `telegram-bot:${source.credentialRef ?? source.id}`;
  }

  async *poll(context: PollContext): AsyncIterable<PollBatch> {
    const previous = context.checkpoint as TelegramCheckpoint | undefined;
    const threads = new TelegramThreads(previous?.threads);
    const updates = await this.client.getUpdates(context.credential, previous?.offset, this.longPollSec, context.signal);
    if (updates.length === 0) return;
    const observations: Observation[] = [];
    for (const update of updates) {
      const draft = telegramDraft(update, context.sources, threads);
      if (draft) observations.push({ kind: 'post', draft });
    }
    const offset = Math.max(...updates.map((u) => u.update_id)) + 1;
    yield { observations, checkpoint: { offset, threads: threads.toJSON() } satisfies TelegramCheckpoint };
  }
}
