import type { WallGetCommentsExtendedResponse, WallWallComment } from '@vkontakte/api-schema-typescript';
import type { DeletionDraft, PostDraft } from '../posts/post.model';
import type { SourceConfig } from '../sources/source.model';
import type { VkApiClient } from './vk-api.client';
import { vkCommentDraft, vkCommentId, vkNames, vkPostId } from './vk.mapper';

/** Everything read under one wall post. */
export interface VkThreadRead {
  drafts: PostDraft[];
  /** Comments VK shows as `deleted: true` (they had replies). */
  deletions: DeletionDraft[];
  /** External ids of every comment listed, deleted ones included. */
  listed: Set<string>;
  /** Whether every level was read to its end, so that an absent comment is a deleted one. */
  complete: boolean;
}

const PAGE = 100;
const THREAD_ITEMS = 10;

/** Reads all comments of a wall post, threads included (wall.getComments with comment_id). */
export class VkCommentsReader {
  constructor(private readonly client: VkApiClient) {}

  async read(ownerId: number, postId: number, source: SourceConfig, token: string, now: Date): Promise<VkThreadRead> {
    const result: VkThreadRead = { drafts: [], deletions: [], listed: new Set(), complete: true };
    const top = await this.level(ownerId, postId, undefined, token);
    result.complete = top.complete;
    for (const comment of top.items) {
      this.take(comment, ownerId, postId, source, top.names, now, result);
      const thread = comment.thread;
      if (!thread || (thread.count ?? 0) === 0) continue;
      if ((thread.items ?? []).length >= (thread.count ?? 0)) {
        for (const reply of thread.items ?? []) this.take(reply, ownerId, postId, source, top.names, now, result);
      } else if (comment.id !== undefined) {
        const replies = await this.level(ownerId, postId, comment.id, token);
        result.complete &&= replies.complete;
        for (const reply of replies.items) this.take(reply, ownerId, postId, source, replies.names, now, result);
      }
    }
    return result;
  }

  private take(comment: WallWallComment, ownerId: number, postId: number, source: SourceConfig, names: ReturnType<typeof vkNames>, now: Date, into: VkThreadRead): void {
    if (comment.id === undefined) return;
    const externalId = vkCommentId(ownerId, postId, comment.id);
    into.listed.add(externalId);
    if (comment.deleted) {
      into.deletions.push({ platform: 'vk', externalId, sourceId: source.id, deletedAt: now, raw: comment });
      return;
    }
    const draft = vkCommentDraft({ ...comment, owner_id: comment.owner_id ?? ownerId, post_id: comment.post_id ?? postId }, source, names);
    if (draft) into.drafts.push(draft);
  }

  /** One level (top comments, or the replies of `commentId`) read to its end by offset. */
  private async level(ownerId: number, postId: number, commentId: number | undefined, token: string) {
    const items: WallWallComment[] = [];
    const names = vkNames();
    let expected = 0;
    for (let offset = 0; ;) {
      const page = await this.client.call<WallGetCommentsExtendedResponse & { current_level_count?: number }>(
        'wall.getComments',
        {
          owner_id: ownerId,
          post_id: postId,
          comment_id: commentId,
          offset,
          count: PAGE,
          sort: 'asc',
          thread_items_count: commentId === undefined ? THREAD_ITEMS : undefined,
          extended: 1,
          fields: 'first_name,last_name',
        },
        token,
      );
      for (const [id, name] of vkNames(page.profiles, page.groups)) names.set(id, name);
      const got = page.items ?? [];
      items.push(...got);
      expected = page.current_level_count ?? page.count ?? items.length;
      offset += got.length;
      if (got.length === 0 || offset >= expected) break;
    }
    return { items, names, complete: items.length >= expected, thread: vkPostId(ownerId, postId) };
  }
}
