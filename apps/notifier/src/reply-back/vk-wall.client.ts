import { ChannelSender, DeliveryError, OutboundMessage, SendReceipt } from '../delivery/delivery.types';
import { parseJson, post } from '../delivery/http-request';
import { KeyedRateLimiter } from '../rate-limit/token-bucket';
import { trailingId } from '../delivery/post-ref';

export interface VkOptions {
  /** `https://api.vk.com` in production. */
  baseUrl: string;
  /** Community access token with the `wall` right. */
  accessToken: string;
  apiVersion?: string;
  timeoutMs?: number;
  limiter?: KeyedRateLimiter;
}

interface VkAnswer {
  response?: { comment_id: number };
  error?: { error_code: number; error_msg: string };
}

/** VK error codes worth another try: unknown, too many requests, flood control, internal, rate limit. */
const VK_TRANSIENT: Record<number, number> = { 1: 1000, 6: 1000, 9: 60_000, 10: 5000, 29: 3_600_000 };

/** Reply-back under VK wall posts and comments with `wall.createComment`, on behalf of the community. */
export class VkReplyChannel implements ChannelSender {
  readonly channel = 'vk' as const;
  private readonly limiter: KeyedRateLimiter;

  constructor(private readonly options: VkOptions) {
    // VK allows 3 requests per second per token.
    this.limiter = options.limiter ?? new KeyedRateLimiter({ overallPerSecond: 3, overallBurst: 3, perKeyPerSecond: 3, perKeyBurst: 3 });
  }

  async send(message: OutboundMessage): Promise<SendReceipt> {
    const target = message.replyTo;
    if (!target || target.platform !== 'vk') throw DeliveryError.permanent('vk reply: replyTo must be a VK post');
    const groupId = Math.abs(trailingId(target.communityId, 'replyTo.communityId'));
    const isComment = Boolean(target.threadId);
    const form: Record<string, string> = {
      owner_id: String(-groupId),
      post_id: String(trailingId(isComment ? (target.threadId ?? '') : target.externalId, isComment ? 'replyTo.threadId' : 'replyTo.externalId')),
      from_group: String(groupId),
      message: message.text,
      // VK drops a second comment with the same guid: a retried delivery cannot post twice.
      guid: message.deliveryId,
      access_token: this.options.accessToken,
      v: this.options.apiVersion ?? '5.199',
    };
    if (isComment) form.reply_to_comment = String(trailingId(target.externalId, 'replyTo.externalId'));
    await this.limiter.acquire('vk');
    const answer = await post({ url: `${this.options.baseUrl.replace(/\/$/, '')}/method/wall.createComment`, form, timeoutMs: this.options.timeoutMs ?? 15_000 });
    if (answer.status >= 500) throw DeliveryError.transient(`vk: HTTP ${answer.status}`);
    const parsed = parseJson<VkAnswer>(answer, 'vk');
    if (parsed.response) return { externalId: String(parsed.response.comment_id) };
    const code = parsed.error?.error_code ?? 0;
    const what = `vk ${code}: ${parsed.error?.error_msg ?? 'no error message'}`;
    const wait = VK_TRANSIENT[code];
    throw wait !== undefined ? DeliveryError.transient(what, wait) : DeliveryError.permanent(what);
  }
}
