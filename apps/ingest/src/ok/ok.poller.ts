import { AccessSkippedError } from '../connectors/connector-errors';
import type { PollBatch, PollContext, Poller } from '../polling/poller';
import type { Observation } from '../posts/post.model';
import type { SourceConfig } from '../sources/source.model';
import type { OkApiClient, OkCredentials } from './ok-api.client';
import { okCommentDraft, okCommentId, okNames, okTopicDraft, okTopicId } from './ok.mapper';
import type { OkCommentsAnswer, OkMediaTopic, OkTopicsAnswer } from './ok.types';

/** Tuning of group feed polling. */
export interface OkFeedOptions {
  pageSize: number;
  editWindowMs: number;
  backfillMs: number;
  maxPages: number;
}

/** Defaults: 20 topics a page, three days for edits, seven days of backfill, 50 pages. */
export const DEFAULT_OK_FEED_OPTIONS: OkFeedOptions = { pageSize: 20, editWindowMs: 3 * 86400_000, backfillMs: 7 * 86400_000, maxPages: 50 };

/** Where the previous run ended. */
export interface OkFeedCheckpoint {
  newestCreatedMs: number;
  commentCounts: Record<string, number>;
}

/**
 * Polls an OK group feed (mediatopic.getTopics, anchor paging) and the comments of recent topics
 * (discussions.getComments). Like the VK wall: recent topics are re-read for edits, a recent topic
 * missing from a complete listing is confirmed with mediatopic.getByIds before it counts as deleted.
 */
export class OkFeedPoller implements Poller {
  readonly platform = 'ok' as const;

  constructor(
    private readonly client: OkApiClient,
    private readonly options: OkFeedOptions = DEFAULT_OK_FEED_OPTIONS,
    private readonly now: () => Date = () => new Date(),
  ) {}

  unitKey(source: SourceConfig): string {
    return source.id;
  }

  async *poll(context: PollContext): AsyncIterable<PollBatch> {
    const source = context.sources[0];
    const groupId = source.communityId ?? '';
    const credentials: OkCredentials = {
      accessToken: context.credential,
      applicationKey: context.companionCredential('APP_KEY'),
      applicationSecretKey: context.companionCredential('APP_SECRET'),
    };
    const previous = context.checkpoint as OkFeedCheckpoint | undefined;
    const now = this.now();
    const floor = now.getTime() - (previous ? this.options.editWindowMs : this.options.backfillMs);
    const listed = new Map<string, OkMediaTopic>();
    let complete = false;
    let anchor: string | undefined;
    for (let page = 0; page < this.options.maxPages; page += 1) {
      const answer = await this.client.call<OkTopicsAnswer>(
        'mediatopic.getTopics',
        {
          gid: groupId,
          count: this.options.pageSize,
          anchor,
          direction: anchor ? 'BACKWARD' : undefined,
          fields: 'media_topic.*,user.name,group.name,group_photo.pic_max',
        },
        credentials,
      );
      const observations: Observation[] = [];
      let reachedKnown = false;
      for (const topic of answer.media_topics ?? []) {
        const beyondFloor = topic.created_ms < floor && (previous === undefined || topic.created_ms <= previous.newestCreatedMs);
        if (beyondFloor) {
          reachedKnown = true;
          continue;
        }
        const draft = okTopicDraft(topic, groupId, source, answer.entities);
        listed.set(draft.externalId, topic);
        observations.push({ kind: 'post', draft });
      }
      yield { observations };
      anchor = answer.anchor;
      if (reachedKnown || !answer.has_more || !anchor) {
        complete = true;
        break;
      }
    }
    yield* this.readComments(listed, groupId, source, context, credentials, previous);
    const deletions = complete && previous ? await this.deletedTopics(listed, groupId, source, context, credentials, floor, now) : [];
    const newestCreatedMs = Math.max(previous?.newestCreatedMs ?? 0, ...[...listed.values()].map((t) => t.created_ms));
    const commentCounts = Object.fromEntries([...listed].map(([id, t]) => [id, t.discussion_summary?.comments_count ?? 0]));
    yield { observations: deletions, checkpoint: { newestCreatedMs, commentCounts } satisfies OkFeedCheckpoint };
  }

  private async *readComments(
    listed: Map<string, OkMediaTopic>,
    groupId: string,
    source: SourceConfig,
    context: PollContext,
    credentials: OkCredentials,
    previous: OkFeedCheckpoint | undefined,
  ): AsyncIterable<PollBatch> {
    for (const [externalId, topic] of listed) {
      const count = topic.discussion_summary?.comments_count ?? 0;
      if (count === (previous?.commentCounts[externalId] ?? 0)) continue;
      try {
        const observations: Observation[] = [];
        const seen = new Set<string>();
        let anchor: string | undefined;
        let complete = false;
        for (let page = 0; page < this.options.maxPages; page += 1) {
          const answer = await this.client.call<OkCommentsAnswer>(
            'discussions.getComments',
            {
              discussionId: topic.id,
              discussionType: 'GROUP_TOPIC',
              count: 100,
              anchor,
              direction: 'FORWARD',
              fields: 'user.name',
            },
            credentials,
          );
          const names = okNames(answer.entities);
          for (const comment of answer.comments ?? []) {
            const id = okCommentId(groupId, topic.id, comment.id);
            seen.add(id);
            const draft = comment.deleted ? undefined : okCommentDraft(comment, groupId, topic.id, source, names);
            if (comment.deleted) observations.push({ kind: 'deleted', deletion: { platform: 'ok', externalId: id, sourceId: source.id, deletedAt: this.now() } });
            if (draft) observations.push({ kind: 'post', draft });
          }
          anchor = answer.anchor;
          if (!answer.has_more || !anchor) {
            complete = true;
            break;
          }
        }
        if (complete) {
          for (const known of await context.known.liveReplies(externalId)) {
            if (!seen.has(known)) observations.push({ kind: 'deleted', deletion: { platform: 'ok', externalId: known, sourceId: source.id, deletedAt: this.now() } });
          }
        }
        yield { observations };
      } catch (error) {
        if (!(error instanceof AccessSkippedError)) throw error;
        yield { observations: [], skipped: [{ target: `comments of ${externalId}`, code: error.code, reason: error.message }] };
      }
    }
  }

  private async deletedTopics(
    listed: Map<string, OkMediaTopic>,
    groupId: string,
    source: SourceConfig,
    context: PollContext,
    credentials: OkCredentials,
    from: number,
    to: Date,
  ): Promise<Observation[]> {
    const missing = (await context.known.livePosts(source.id, new Date(from), to)).filter((id) => id.startsWith(`${groupId}_`) && !listed.has(id));
    if (missing.length === 0) return [];
    const topicIds = missing.map((id) => id.slice(groupId.length + 1));
    const answer = await this.client.call<OkTopicsAnswer>('mediatopic.getByIds', { topic_ids: topicIds.join(','), fields: 'media_topic.*' }, credentials);
    const alive = new Set((answer.media_topics ?? []).filter((t) => !t.is_deleted).map((t) => okTopicId(groupId, t.id)));
    return missing.filter((id) => !alive.has(id)).map((externalId) => ({ kind: 'deleted' as const, deletion: { platform: 'ok' as const, externalId, sourceId: source.id, deletedAt: to } }));
  }
}
