import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import { closeServer, Fault, listenLocal, readBody, sendJson } from './fake-http';

/** A group feed topic as api.ok.ru returns it (the fields Otklik reads). */
export interface OkMediaTopic {
  id: string;
  created_ms: number;
  /** `user:<id>` or `group:<id>`. */
  author_ref?: string;
  owner_ref?: string;
  media?: { type: string; text?: string; url?: string; photo_refs?: string[]; movie_refs?: string[] }[];
  discussion_summary?: { comments_count?: number };
  is_deleted?: boolean;
  ad?: boolean;
}

/** A discussion comment as api.ok.ru returns it. */
export interface OkComment {
  id: string;
  text?: string;
  /** `yyyy-MM-dd HH:mm:ss` without a zone. */
  date?: string;
  date_ms?: number;
  author_id?: string;
  author_name?: string;
  reply_to_comment_id?: string;
  deleted?: boolean;
}

/** A comment posted through the API (the reply-back), as the fake recorded it. */
export interface OkPostedComment {
  discussionId: string;
  text: string;
  replyTo?: string;
  id: string;
}

const md5 = (text: string): string => createHash('md5').update(text, 'utf8').digest('hex');

/**
 * The signature api.ok.ru expects, computed here on its own from OK's documentation rather than
 * with Otklik's code, so a mistake there shows up as error 104: every parameter but
 * `access_token`, `session_key` and `sig`, as `name=value` sorted and joined, then
 * md5(that + md5(access_token + application secret key)).
 */
function expectedSignature(params: Record<string, string>, token: string, secret: string): string {
  const signed = Object.keys(params)
    .filter((name) => name !== 'access_token' && name !== 'session_key' && name !== 'sig')
    .sort()
    .map((name) => `${name}=${params[name]}`)
    .join('');
  return md5(signed + md5(token + secret));
}

/**
 * A local OK REST API (fb.do) that checks the request signature as api.ok.ru does (error 104 on a
 * bad one, 102 on an unknown token) and serves mediatopic.getTopics (newest first, anchor paging),
 * mediatopic.getByIds, discussions.getComments and, for replies, discussions.addDiscussionComment,
 * with injectable errors and HTTP faults.
 */
export class FakeOkApi {
  readonly applicationKey = 'CBAPUBLICKEY';
  readonly applicationSecret = 'app-secret';
  readonly tokens = new Set(['ok-token']);
  readonly topics = new Map<string, OkMediaTopic[]>();
  readonly comments = new Map<string, OkComment[]>();
  readonly faults: { method: string; error?: number; http?: Fault }[] = [];
  readonly calls: Record<string, string>[] = [];
  /** Comments posted through the API. */
  readonly posted: OkPostedComment[] = [];
  private server?: Server;
  baseUrl = '';

  /** Listens on 127.0.0.1 at `port` (0: an ephemeral one). */
  async start(port = 0): Promise<this> {
    const { server, baseUrl } = await listenLocal(async (request, response) => {
      const params = Object.fromEntries(new URLSearchParams(await readBody(request)));
      const { access_token: token, sig, ...signed } = params;
      this.calls.push(signed);
      const index = this.faults.findIndex((f) => f.method === signed.method);
      const fault = index >= 0 ? this.faults.splice(index, 1)[0] : undefined;
      if (fault?.http) return sendJson(response, {}, fault.http);
      if (fault?.error) return sendJson(response, { error_code: fault.error, error_msg: `injected ${fault.error}`, error_data: null });
      if (!token || !this.tokens.has(token)) return sendJson(response, { error_code: 102, error_msg: 'PARAM_SESSION_EXPIRED' });
      if (signed.application_key !== this.applicationKey || sig !== expectedSignature(signed, token, this.applicationSecret)) {
        return sendJson(response, { error_code: 104, error_msg: 'PARAM_SIGNATURE : Invalid signature' });
      }
      sendJson(response, this.answer(signed));
    }, port);
    this.server = server;
    this.baseUrl = baseUrl;
    return this;
  }

  async stop(): Promise<void> {
    if (this.server) await closeServer(this.server);
  }

  addTopic(groupId: string, topic: OkMediaTopic): void {
    this.topics.set(groupId, [...(this.topics.get(groupId) ?? []), topic]);
  }

  addComment(topicId: string, comment: OkComment): void {
    this.comments.set(topicId, [...(this.comments.get(topicId) ?? []), comment]);
    const topic = [...this.topics.values()].flat().find((t) => t.id === topicId);
    if (topic) topic.discussion_summary = { comments_count: (topic.discussion_summary?.comments_count ?? 0) + 1 };
  }

  private answer(params: Record<string, string>): unknown {
    if (params.method === 'mediatopic.getTopics') {
      const all = [...(this.topics.get(params.gid) ?? [])].sort((a, b) => b.created_ms - a.created_ms);
      const from = Number(params.anchor ?? 0);
      const page = all.slice(from, from + Number(params.count ?? 20));
      const next = from + page.length;
      return { media_topics: page, entities: {}, anchor: String(next), has_more: next < all.length };
    }
    if (params.method === 'mediatopic.getByIds') {
      const ids = new Set(params.topic_ids.split(','));
      return { media_topics: [...this.topics.values()].flat().filter((t) => ids.has(t.id)) };
    }
    if (params.method === 'discussions.getComments') {
      const all = this.comments.get(params.discussionId) ?? [];
      const from = Number(params.anchor ?? 0);
      const page = all.slice(from, from + Number(params.count ?? 100));
      const next = from + page.length;
      return { comments: page, anchor: String(next), has_more: next < all.length };
    }
    if (params.method === 'discussions.addDiscussionComment') {
      const comment = { discussionId: params.discussionId, text: params.comment ?? '', replyTo: params.reply_to_comment_id, id: String(9000 + this.posted.length) };
      this.posted.push(comment);
      return { id: comment.id };
    }
    return { error_code: 3, error_msg: 'METHOD : Method not found' };
  }
}
