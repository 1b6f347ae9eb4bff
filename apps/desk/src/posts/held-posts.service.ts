import { Injectable } from '@nestjs/common';
import { assertOperator } from '../access/access.policy';
import { Principal } from '../access/principal';
import { DeskError } from '../common/desk-error';
import { OwnerAnswer, OwnerClient } from '../owners/owner-client';

/** A post the spam filter held back, as operators review it. */
export interface HeldPost {
  postId: string;
  platform: string;
  sourceId: string;
  url?: string;
  text: string;
  createdAt: string;
  community?: { id: string; name?: string };
  /** Shown only to the roles ingest lets see authors' names. */
  authorName?: string;
  /** Why it was held: `flood`, `advertising`, `links`, `platform-ad`, `empty`. */
  filterReasons: string[];
  published: boolean;
  release?: { by: string; at: string; reasons: string[] };
}

/** A post as ingest's API shows it. */
interface IngestPost {
  post: { postId: string; platform: string; sourceId: string; url?: string; text: string; createdAt: string; community?: { id: string; name?: string }; author?: { displayName?: string } };
  published: boolean;
  filterReasons: string[];
  release?: { by: string; at: string; reasons: string[] };
}

const ID = /^[\w.:@-]{1,200}$/;
const WHAT = 'the posts its spam filter held back';

function present(found: IngestPost): HeldPost {
  const p = found.post;
  return {
    postId: p.postId,
    platform: p.platform,
    sourceId: p.sourceId,
    url: p.url,
    text: p.text,
    createdAt: p.createdAt,
    ...(p.community && { community: { id: p.community.id, name: p.community.name } }),
    ...(p.author?.displayName && { authorName: p.author.displayName }),
    filterReasons: found.filterReasons,
    published: found.published,
    ...(found.release && { release: found.release }),
  };
}

/** Ingest's refusal as desk's error: the message ingest gave names the field. */
function refusal(answer: OwnerAnswer, postId: string): DeskError {
  const message = (answer.body as { message?: string | string[] } | null)?.message;
  const text = Array.isArray(message) ? message.join('; ') : (message ?? `ingest answered ${answer.status}`);
  if (answer.status === 404) return DeskError.notFound(`held post ${postId}`);
  if (answer.status === 409) return DeskError.conflict(text);
  if (answer.status === 400) return new DeskError('bad_request', text);
  return new DeskError('unavailable', `ingest refused the call (${answer.status}: ${text})`);
}

/**
 * Posts ingest's spam filter held back, and their release. Ingest owns posts, so desk asks it,
 * signing the call on the operator's behalf: ingest checks the role again and records who
 * released the post, whose `post.received` then goes through the pipeline like any other.
 */
@Injectable()
export class HeldPostsService {
  constructor(private readonly owners: OwnerClient) {}

  async list(principal: Principal, sourceId: string | undefined, limit: number): Promise<HeldPost[]> {
    assertOperator(principal);
    if (sourceId !== undefined && !ID.test(sourceId)) throw DeskError.badRequest('sourceId', 'letters, digits and . _ : @ - only');
    const search = new URLSearchParams({ limit: String(limit), ...(sourceId && { sourceId }) });
    const answer = await this.owners.call({ owner: 'ingest', path: `/v1/posts/filtered?${search.toString()}`, what: WHAT }, principal);
    if (answer.status !== 200) throw refusal(answer, '');
    return (answer.body as IngestPost[]).map(present);
  }

  async release(principal: Principal, postId: string): Promise<HeldPost> {
    assertOperator(principal);
    if (!ID.test(postId)) throw DeskError.badRequest('postId', 'letters, digits and . _ : @ - only');
    const answer = await this.owners.call({ owner: 'ingest', path: `/v1/posts/${encodeURIComponent(postId)}/release`, method: 'POST', what: WHAT }, principal);
    if (answer.status !== 200) throw refusal(answer, postId);
    return present(answer.body as IngestPost);
  }
}
