import { createHash } from 'node:crypto';
import { ChannelSender, DeliveryError, OutboundMessage, SendReceipt } from '../delivery/delivery.types';
import { parseJson, post } from '../delivery/http-request';
import { trailingId } from '../delivery/post-ref';

export interface OkOptions {
  /** `https://api.ok.ru` in production. */
  baseUrl: string;
  applicationKey: string;
  applicationSecretKey: string;
  accessToken: string;
  /** REST method that adds a comment to a discussion; configurable because OK renames methods. */
  commentMethod?: string;
  timeoutMs?: number;
}

/** Parameters OK leaves out of the signature. */
const UNSIGNED = new Set(['sig', 'access_token', 'session_key']);

const md5 = (s: string): string => createHash('md5').update(s, 'utf8').digest('hex');

/** OK's server-side secret: md5(access_token + application_secret_key). */
export function okSessionSecret(accessToken: string, applicationSecretKey: string): string {
  return md5(accessToken + applicationSecretKey);
}

/** sig = md5(params sorted by name as `k=v`, concatenated, + secret), lower-case hex. */
export function okSignature(params: Record<string, string>, secret: string): string {
  const signed = Object.keys(params)
    .filter((k) => !UNSIGNED.has(k))
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('');
  return md5(signed + secret).toLowerCase();
}

interface OkError {
  error_code?: number;
  error_msg?: string;
}

/** OK codes worth another try: unknown, service unavailable, system error. */
const OK_TRANSIENT = new Set([1, 2, 7]);

/** Reply-back in OK group topics (discussions), signed per OK's rules. */
export class OkReplyChannel implements ChannelSender {
  readonly channel = 'ok' as const;

  constructor(private readonly options: OkOptions) {}

  async send(message: OutboundMessage): Promise<SendReceipt> {
    const target = message.replyTo;
    if (!target || target.platform !== 'ok') throw DeliveryError.permanent('ok reply: replyTo must be an OK post');
    const topicId = target.threadId ?? target.externalId;
    const params: Record<string, string> = {
      application_key: this.options.applicationKey,
      format: 'json',
      method: this.options.commentMethod ?? 'discussions.addDiscussionComment',
      discussionId: String(trailingId(topicId, target.threadId ? 'replyTo.threadId' : 'replyTo.externalId')),
      discussionType: 'GROUP_TOPIC',
      comment: message.text,
      as_admin: 'true',
    };
    if (target.threadId) params.reply_to_comment_id = target.externalId;
    params.sig = okSignature(params, okSessionSecret(this.options.accessToken, this.options.applicationSecretKey));
    params.access_token = this.options.accessToken;
    const answer = await post({ url: `${this.options.baseUrl.replace(/\/$/, '')}/fb.do`, form: params, timeoutMs: this.options.timeoutMs ?? 15_000 });
    if (answer.status >= 500) throw DeliveryError.transient(`ok: HTTP ${answer.status}`);
    const parsed = parseJson<unknown>(answer, 'ok');
    const error = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as OkError;
    if (error.error_code !== undefined) {
      const what = `ok ${error.error_code}: ${error.error_msg ?? ''}`;
      throw OK_TRANSIENT.has(error.error_code) ? DeliveryError.transient(what, 5000) : DeliveryError.permanent(what);
    }
    return { externalId: commentIdOf(parsed) };
  }
}

/** OK answers a created comment's id as a bare JSON string or inside an object. */
function commentIdOf(parsed: unknown): string {
  if (typeof parsed === 'string' || typeof parsed === 'number') return String(parsed);
  const o = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  const id = o.id ?? o.comment_id ?? o.commentId;
  if (typeof id === 'string' || typeof id === 'number') return String(id);
  throw DeliveryError.transient('ok: answer carries no comment id');
}
