import type { WallWallpostFull } from '@vkontakte/api-schema-typescript';
import { secretsEqual } from '../connectors/secret-compare';
import type { Observation, RecordResult } from '../posts/post.model';
import type { PostRecorderService } from '../posts/post-recorder.service';
import type { CredentialResolver } from '../sources/credentials';
import type { SourceDirectory } from '../sources/source-directory';
import { VkCallbackComment, vkCommentDraft, vkCommentId, vkNames, vkPostDraft } from './vk.mapper';

/** What to answer VK: it retries anything but a 200 with the body `ok`. */
export interface CallbackReply {
  status: number;
  body: string;
  result?: RecordResult;
}

interface CallbackEvent {
  type?: unknown;
  group_id?: unknown;
  secret?: unknown;
  object?: unknown;
}

interface ReplyDeleted {
  owner_id?: number;
  id?: number;
  post_id?: number;
}

const OK: CallbackReply = { status: 200, body: 'ok' };
const COMMENT_EVENTS = new Set(['wall_reply_new', 'wall_reply_edit', 'wall_reply_restore']);

/**
 * VK Callback API receiver: answers the confirmation request, checks the secret, and records
 * wall_post_new, wall_reply_new/_edit/_restore and wall_reply_delete. It answers `ok` only once the
 * observation is recorded, so VK's retries cover a crash in between.
 */
export class VkCallbackService {
  constructor(
    private readonly sources: SourceDirectory,
    private readonly credentials: CredentialResolver,
    private readonly recorder: PostRecorderService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async handle(body: unknown): Promise<CallbackReply> {
    if (typeof body !== 'object' || body === null) return { status: 400, body: 'body: must be a JSON object' };
    const event = body as CallbackEvent;
    if (typeof event.type !== 'string') return { status: 400, body: 'type: must be a string' };
    if (typeof event.group_id !== 'number') return { status: 400, body: 'group_id: must be a number' };
    const source = await this.sources.byCommunity('vk', String(event.group_id));
    if (!source) return { status: 404, body: `group_id: no source watches community ${event.group_id}` };
    if (source.callbackSecretRef) {
      const expected = this.credentials.isPresent(source.callbackSecretRef) ? this.credentials.resolve(source.callbackSecretRef) : undefined;
      if (expected === undefined) return { status: 503, body: 'callback secret is not configured' };
      if (!secretsEqual(typeof event.secret === 'string' ? event.secret : undefined, expected)) return { status: 403, body: 'secret: does not match' };
    }
    if (event.type === 'confirmation') {
      return source.callbackConfirmation ? { status: 200, body: source.callbackConfirmation } : { status: 404, body: 'confirmation: not configured' };
    }
    const observation = this.observe(event.type, event.object, source);
    if (observation === 'ignored') return OK;
    if (observation === undefined) return { status: 400, body: `object: not a valid ${event.type} object` };
    return { ...OK, result: await this.recorder.record(observation) };
  }

  private observe(type: string, object: unknown, source: Parameters<typeof vkPostDraft>[1]): Observation | undefined | 'ignored' {
    if (typeof object !== 'object' || object === null) return undefined;
    if (type === 'wall_post_new') {
      const draft = vkPostDraft(object as WallWallpostFull, source, vkNames());
      return draft && { kind: 'post', draft };
    }
    if (COMMENT_EVENTS.has(type)) {
      const draft = vkCommentDraft(object as VkCallbackComment, source, vkNames());
      return draft && { kind: 'post', draft };
    }
    if (type === 'wall_reply_delete') {
      const { owner_id: ownerId, id, post_id: postId } = object as ReplyDeleted;
      if (ownerId === undefined || id === undefined || postId === undefined) return undefined;
      return { kind: 'deleted', deletion: { platform: 'vk', externalId: vkCommentId(ownerId, postId, id), sourceId: source.id, deletedAt: this.now(), raw: object } };
    }
    return 'ignored';
  }
}
