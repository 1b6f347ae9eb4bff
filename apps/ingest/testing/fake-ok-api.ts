import type { Server } from 'node:http';
import { okSignature } from '../src/ok/ok-signature';
import type { OkComment, OkMediaTopic } from '../src/ok/ok.types';
import { closeServer, Fault, listenLocal, readBody, sendJson } from './fake-http';

/**
 * A local OK REST API (fb.do) that checks the request signature as api.ok.ru does (error 104 on a
 * bad one, 102 on an unknown token) and serves mediatopic.getTopics (newest first, anchor paging),
 * mediatopic.getByIds and discussions.getComments, with injectable errors and HTTP faults.
 */
export class FakeOkApi {
  readonly applicationKey = 'CBAPUBLICKEY';
  readonly applicationSecret = 'app-secret';
  readonly tokens = new Set(['ok-token']);
  readonly topics = new Map<string, OkMediaTopic[]>();
  readonly comments = new Map<string, OkComment[]>();
  readonly faults: { method: string; error?: number; http?: Fault }[] = [];
  readonly calls: Record<string, string>[] = [];
  private server?: Server;
  baseUrl = '';

  async start(): Promise<this> {
    const { server, baseUrl } = await listenLocal(async (request, response) => {
      const params = Object.fromEntries(new URLSearchParams(await readBody(request)));
      const { access_token: token, sig, ...signed } = params;
      this.calls.push(signed);
      const index = this.faults.findIndex((f) => f.method === signed.method);
      const fault = index >= 0 ? this.faults.splice(index, 1)[0] : undefined;
      if (fault?.http) return sendJson(response, {}, fault.http);
      if (fault?.error) return sendJson(response, { error_code: fault.error, error_msg: `injected ${fault.error}`, error_data: null });
      if (!token || !this.tokens.has(token)) return sendJson(response, { error_code: 102, error_msg: 'PARAM_SESSION_EXPIRED' });
      if (signed.application_key !== this.applicationKey || sig !== okSignature(signed, token, this.applicationSecret)) {
        return sendJson(response, { error_code: 104, error_msg: 'PARAM_SIGNATURE : Invalid signature' });
      }
      sendJson(response, this.answer(signed));
    });
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
    return { error_code: 3, error_msg: 'METHOD : Method not found' };
  }
}
