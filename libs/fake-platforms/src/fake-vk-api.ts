import type { Server } from 'node:http';
import type { UsersUserFull, WallWallComment, WallWallpostFull } from '@vkontakte/api-schema-typescript';
import { closeServer, Fault, listenLocal, readBody, sendJson } from './fake-http';

/** A VK API error answer. */
export interface VkFault {
  method: string;
  error?: number;
  http?: Fault;
}

type Params = Record<string, string>;

/**
 * A local VK API that answers like api.vk.com for the methods ingest uses: wall.get (offset paging,
 * pinned post first), wall.getById, wall.getComments (threads, deleted comments with replies),
 * newsfeed.search (start_time, next_from), and wall.createComment for replies (one comment per guid), with VK's errors: 5 for a bad token, 6 above 3
 * requests a second per token, 15/18/30 for closed, deleted and private walls, and injected faults.
 */
export class FakeVkApi {
  readonly walls = new Map<number, WallWallpostFull[]>();
  readonly comments = new Map<string, WallWallComment[]>();
  readonly profiles: UsersUserFull[] = [];
  readonly tokens = new Set<string>(['vk-token']);
  /** Owner id → VK error code the wall answers with (15 closed, 18 deleted, 30 private). */
  readonly walledOff = new Map<number, number>();
  readonly faults: VkFault[] = [];
  readonly calls: { method: string; params: Params }[] = [];
  /** Comments posted through wall.createComment (the reply-back); one per `guid`, as VK keeps. */
  readonly posted: { ownerId: number; postId: number; replyTo?: number; message: string; id: number; guid?: string }[] = [];
  private readonly recentByToken = new Map<string, number[]>();
  enforceRate = true;
  private server?: Server;
  baseUrl = '';

  /** Listens on 127.0.0.1 at `port` (0: an ephemeral one). */
  async start(port = 0): Promise<this> {
    const { server, baseUrl } = await listenLocal(async (request, response) => {
      const method = (request.url ?? '').replace(/^\/method\//, '').split('?')[0];
      const params = Object.fromEntries(new URLSearchParams(await readBody(request)));
      const { access_token: token, ...logged } = params;
      this.calls.push({ method, params: logged });
      const faultIndex = this.faults.findIndex((f) => f.method === method || f.method === '*');
      const fault = faultIndex >= 0 ? this.faults.splice(faultIndex, 1)[0] : undefined;
      if (fault?.http) return sendJson(response, {}, fault.http);
      sendJson(response, this.answer(method, params, token, fault?.error));
    }, port);
    this.server = server;
    this.baseUrl = baseUrl;
    return this;
  }

  async stop(): Promise<void> {
    if (this.server) await closeServer(this.server);
  }

  /** Adds a post to a wall (newest last) and returns it. */
  addPost(ownerId: number, post: Partial<WallWallpostFull> & { id: number; date: number }): WallWallpostFull {
    const full: WallWallpostFull = { owner_id: ownerId, from_id: ownerId, text: '', comments: { count: 0 }, ...post };
    this.walls.set(ownerId, [...(this.walls.get(ownerId) ?? []), full]);
    return full;
  }

  /** Adds a comment under a post and updates the post's comment count. */
  addComment(ownerId: number, postId: number, comment: Partial<WallWallComment> & { id: number; date: number }): WallWallComment {
    const full: WallWallComment = { owner_id: ownerId, post_id: postId, from_id: 1, text: '', parents_stack: [], ...comment };
    const key = `${ownerId}_${postId}`;
    this.comments.set(key, [...(this.comments.get(key) ?? []), full]);
    const post = this.walls.get(ownerId)?.find((p) => p.id === postId);
    if (post) post.comments = { count: (post.comments?.count ?? 0) + 1 };
    return full;
  }

  /** Deletes a comment as VK does: one with replies stays as `deleted: true`, others vanish. */
  deleteComment(ownerId: number, postId: number, commentId: number): void {
    const key = `${ownerId}_${postId}`;
    const all = this.comments.get(key) ?? [];
    const hasReplies = all.some((c) => c.parents_stack?.[0] === commentId);
    this.comments.set(key, hasReplies ? all.map((c) => (c.id === commentId ? { id: c.id, deleted: true, parents_stack: c.parents_stack } : c)) : all.filter((c) => c.id !== commentId));
    const post = this.walls.get(ownerId)?.find((p) => p.id === postId);
    if (post && !hasReplies) post.comments = { count: Math.max(0, (post.comments?.count ?? 1) - 1) };
  }

  deletePost(ownerId: number, postId: number): void {
    this.walls.set(
      ownerId,
      (this.walls.get(ownerId) ?? []).filter((p) => p.id !== postId),
    );
  }

  private answer(method: string, params: Params, token: string | undefined, injected?: number): unknown {
    if (injected !== undefined) return { error: { error_code: injected, error_msg: `injected error ${injected}` } };
    if (!token || !this.tokens.has(token)) return { error: { error_code: 5, error_msg: 'User authorization failed: invalid access_token' } };
    if (this.enforceRate && this.tooFast(token)) return { error: { error_code: 6, error_msg: 'Too many requests per second' } };
    switch (method) {
      case 'wall.get':
        return this.wallGet(params);
      case 'wall.getById':
        return this.wallGetById(params);
      case 'wall.getComments':
        return this.wallGetComments(params);
      case 'newsfeed.search':
        return this.newsfeedSearch(params);
      case 'wall.createComment':
        return this.wallCreateComment(params);
      default:
        return { error: { error_code: 3, error_msg: 'Unknown method passed' } };
    }
  }

  private tooFast(token: string): boolean {
    const now = Date.now();
    const recent = (this.recentByToken.get(token) ?? []).filter((t) => now - t < 1000);
    recent.push(now);
    this.recentByToken.set(token, recent);
    return recent.length > 3;
  }

  private extended(params: Params, items: { from_id?: number }[]) {
    if (params.extended !== '1') return {};
    const ids = new Set(items.map((i) => i.from_id));
    return { profiles: this.profiles.filter((p) => ids.has(p.id)), groups: [] };
  }

  private wallGet(params: Params): unknown {
    const ownerId = Number(params.owner_id);
    const closed = this.walledOff.get(ownerId);
    if (closed) return { error: { error_code: closed, error_msg: `Access denied (${closed})` } };
    const posts = [...(this.walls.get(ownerId) ?? [])].sort((a, b) => (b.is_pinned ?? 0) - (a.is_pinned ?? 0) || (b.id ?? 0) - (a.id ?? 0));
    const offset = Number(params.offset ?? 0);
    const items = posts.slice(offset, offset + Math.min(Number(params.count ?? 20), 100));
    return { response: { count: posts.length, items, ...this.extended(params, items) } };
  }

  private wallGetById(params: Params): unknown {
    const wanted = new Set(params.posts.split(','));
    const items = [...this.walls.values()].flat().filter((p) => wanted.has(`${p.owner_id}_${p.id}`));
    return { response: { items, ...this.extended(params, items) } };
  }

  private wallGetComments(params: Params): unknown {
    const all = this.comments.get(`${params.owner_id}_${params.post_id}`) ?? [];
    const parent = params.comment_id ? Number(params.comment_id) : undefined;
    const level = all.filter((c) => (parent === undefined ? (c.parents_stack ?? []).length === 0 : c.parents_stack?.[0] === parent));
    const offset = Number(params.offset ?? 0);
    const page = level.slice(offset, offset + Math.min(Number(params.count ?? 10), 100));
    const threadItems = Number(params.thread_items_count ?? 0);
    const items = page.map((c) => {
      const replies = all.filter((r) => r.parents_stack?.[0] === c.id && parent === undefined);
      return { ...c, thread: parent === undefined ? { count: replies.length, items: replies.slice(0, threadItems) } : undefined };
    });
    return { response: { count: all.length, current_level_count: level.length, items, ...this.extended(params, items) } };
  }

  private wallCreateComment(params: Params): unknown {
    const ownerId = Number(params.owner_id);
    const postId = Number(params.post_id);
    if (!this.walls.get(ownerId)?.some((p) => p.id === postId)) {
      return { error: { error_code: 100, error_msg: 'One of the parameters specified was missing or invalid: post_id' } };
    }
    const replyTo = params.reply_to_comment ? Number(params.reply_to_comment) : undefined;
    // VK's idempotency key: a repeated guid answers with the comment it already made.
    const guid = params.guid || undefined;
    const repeat = guid ? this.posted.find((c) => c.ownerId === ownerId && c.guid === guid) : undefined;
    if (repeat) return { response: { comment_id: repeat.id, parents_stack: repeat.replyTo ? [repeat.replyTo] : [] } };
    const comment = { ownerId, postId, replyTo, message: params.message ?? '', id: 100_000 + this.posted.length, guid };
    this.posted.push(comment);
    return { response: { comment_id: comment.id, parents_stack: replyTo ? [replyTo] : [] } };
  }

  private newsfeedSearch(params: Params): unknown {
    const query = (params.q ?? '').toLowerCase();
    const start = Number(params.start_time ?? 0);
    const found = [...this.walls.values()]
      .flat()
      .filter((p) => (p.text ?? '').toLowerCase().includes(query) && (p.date ?? 0) >= start)
      .sort((a, b) => (b.date ?? 0) - (a.date ?? 0));
    const from = Number(params.start_from ?? 0);
    const count = Math.min(Number(params.count ?? 30), 200);
    const items = found.slice(from, from + count);
    const next = from + count < found.length ? String(from + count) : undefined;
    return { response: { items, count: items.length, total_count: found.length, next_from: next } };
  }
}
