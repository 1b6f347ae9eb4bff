import type { WallGetByIdExtendedResponse, WallGetExtendedResponse, WallWallpostFull } from '@vkontakte/api-schema-typescript';
import { AccessSkippedError } from '../connectors/connector-errors';
import type { PollBatch, PollContext, Poller } from '../polling/poller';
import type { Observation } from '../posts/post.model';
import type { SourceConfig } from '../sources/source.model';
import type { VkApiClient } from './vk-api.client';
import { VkCommentsReader } from './vk-comments.reader';
import { vkNames, vkPostDraft, vkPostId } from './vk.mapper';

/** Tuning of community wall polling. */
export interface VkWallOptions {
  pageSize: number;
  /** Pages overlap by this many posts, so a deletion while paging cannot push a post past a page. */
  overlap: number;
  /** Posts younger than this are re-read every run: edits, deletions and new comments. */
  editWindowMs: number;
  /** How far back the first run of a new source reads. */
  backfillMs: number;
  maxPages: number;
}

/** Defaults: 100 a page, overlap 5, three days for edits, seven days of backfill, 50 pages. */
export const DEFAULT_VK_WALL_OPTIONS: VkWallOptions = {
  pageSize: 100,
  overlap: 5,
  editWindowMs: 3 * 86400_000,
  backfillMs: 7 * 86400_000,
  maxPages: 50,
};

/** Where the previous run ended: the newest post id seen, comment counts of recent posts. */
export interface VkWallCheckpoint {
  lastPostId: number;
  commentCounts: Record<string, number>;
}

/**
 * Polls a VK community wall (wall.get) and the comments of its recent posts (wall.getComments,
 * threads included). Posts newer than the checkpoint are new; recent ones are re-read for edits;
 * a recent post missing from a complete listing is confirmed with wall.getById before it counts
 * as deleted; a comment missing from its complete thread is deleted.
 */
export class VkWallPoller implements Poller {
  readonly platform = 'vk' as const;
  private readonly comments: VkCommentsReader;

  constructor(
    private readonly client: VkApiClient,
    private readonly options: VkWallOptions = DEFAULT_VK_WALL_OPTIONS,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.comments = new VkCommentsReader(client);
  }

  unitKey(source: SourceConfig): string {
    return source.id;
  }

  async *poll(context: PollContext): AsyncIterable<PollBatch> {
    const source = context.sources[0];
    const ownerId = -Number(source.communityId);
    const previous = context.checkpoint as VkWallCheckpoint | undefined;
    const now = this.now();
    const floor = new Date(now.getTime() - (previous ? this.options.editWindowMs : this.options.backfillMs));
    const listed = new Map<string, WallWallpostFull>();
    let complete = false;
    for (let page = 0, offset = 0; page < this.options.maxPages; page += 1) {
      const answer = await this.client.call<WallGetExtendedResponse>(
        'wall.get',
        {
          owner_id: ownerId,
          offset,
          count: this.options.pageSize,
          extended: 1,
          fields: 'first_name,last_name',
        },
        context.credential,
      );
      const items = (answer.items ?? []) as WallWallpostFull[];
      const names = vkNames(answer.profiles, answer.groups);
      const observations: Observation[] = [];
      let reachedKnown = false;
      for (const item of items) {
        const draft = vkPostDraft(item, source, names);
        if (!draft) continue;
        // Beyond the floor and not newer than the checkpoint: already read, too old to re-read.
        const beyondFloor = draft.createdAt < floor && (previous === undefined || (item.id ?? 0) <= previous.lastPostId);
        if (beyondFloor) {
          if (!item.is_pinned) reachedKnown = true;
          continue;
        }
        listed.set(draft.externalId, item);
        observations.push({ kind: 'post', draft });
      }
      yield { observations };
      if (reachedKnown || items.length === 0 || offset + items.length >= (answer.count ?? 0)) {
        complete = true;
        break;
      }
      offset += Math.max(1, items.length - this.options.overlap);
    }
    yield* this.readComments(listed, ownerId, source, context, previous, floor);
    const deletions = complete && previous ? await this.deletedPosts(listed, ownerId, source, context, floor, now) : [];
    const lastPostId = Math.max(previous?.lastPostId ?? 0, ...[...listed.values()].map((p) => p.id ?? 0));
    const commentCounts = Object.fromEntries([...listed].filter(([, p]) => (p.date ?? 0) * 1000 >= floor.getTime()).map(([id, p]) => [id, p.comments?.count ?? 0]));
    yield { observations: deletions, checkpoint: { lastPostId, commentCounts } satisfies VkWallCheckpoint };
  }

  private async *readComments(
    listed: Map<string, WallWallpostFull>,
    ownerId: number,
    source: SourceConfig,
    context: PollContext,
    previous: VkWallCheckpoint | undefined,
    floor: Date,
  ): AsyncIterable<PollBatch> {
    for (const [externalId, post] of listed) {
      const count = post.comments?.count ?? 0;
      const before = previous?.commentCounts[externalId];
      if ((post.date ?? 0) * 1000 < floor.getTime() || count === (before ?? 0) || post.id === undefined) continue;
      try {
        const thread = await this.comments.read(ownerId, post.id, source, context.credential, this.now());
        const observations: Observation[] = [...thread.drafts.map((draft) => ({ kind: 'post' as const, draft })), ...thread.deletions.map((deletion) => ({ kind: 'deleted' as const, deletion }))];
        if (thread.complete) {
          for (const known of await context.known.liveReplies(externalId)) {
            if (!thread.listed.has(known)) {
              observations.push({ kind: 'deleted', deletion: { platform: 'vk', externalId: known, sourceId: source.id, deletedAt: this.now() } });
            }
          }
        }
        yield { observations };
      } catch (error) {
        if (!(error instanceof AccessSkippedError)) throw error;
        yield { observations: [], skipped: [{ target: `comments of ${externalId}`, code: error.code, reason: error.message }] };
      }
    }
  }

  private async deletedPosts(listed: Map<string, WallWallpostFull>, ownerId: number, source: SourceConfig, context: PollContext, from: Date, to: Date): Promise<Observation[]> {
    const prefix = `${ownerId}_`;
    const missing = (await context.known.livePosts(source.id, from, to)).filter((id) => id.startsWith(prefix) && !listed.has(id));
    if (missing.length === 0) return [];
    const answer = await this.client.call<WallGetByIdExtendedResponse>('wall.getById', { posts: missing.join(','), extended: 0 }, context.credential);
    const alive = new Set(((answer.items ?? []) as WallWallpostFull[]).map((p) => vkPostId(p.owner_id ?? 0, p.id ?? 0)));
    return missing.filter((id) => !alive.has(id)).map((externalId) => ({ kind: 'deleted' as const, deletion: { platform: 'vk' as const, externalId, sourceId: source.id, deletedAt: to } }));
  }
}
