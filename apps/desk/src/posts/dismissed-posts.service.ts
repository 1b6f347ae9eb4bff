import { Injectable } from '@nestjs/common';
import { PostListed, PostStore } from '../projection/post.store';

/** A post the classifier dismissed (not a complaint), as operators review it. */
export interface DismissedPost {
  postId: string;
  platform?: string;
  url?: string;
  text?: string;
  createdAt?: string;
  community?: { id: string; name?: string };
  /** The classifier's reason, e.g. `kind:thanks`. */
  reason: string;
  kind?: string;
  modelVersion: string;
  dismissedAt: string;
}

export interface DismissedPage {
  items: DismissedPost[];
  limit: number;
  offset: number;
}

/**
 * The posts the pipeline let go: operators read them to catch a complaint the classifier took
 * for thanks, news or spam, and mark it not dismissed (UndismissPostService), which turns the
 * post into an incident.
 */
@Injectable()
export class DismissedPostsService {
  constructor(private readonly posts: PostStore) {}

  async list(limit: number, offset: number): Promise<DismissedPage> {
    const found = await this.posts.dismissed(limit, offset);
    return { items: found.flatMap((post) => (post.dismissed ? [present(post, post.dismissed)] : [])), limit, offset };
  }
}

function present(post: PostListed, dismissed: NonNullable<PostListed['dismissed']>): DismissedPost {
  return {
    postId: post.postId,
    platform: post.platform,
    url: post.url,
    text: post.text,
    createdAt: post.createdAt,
    ...(post.community && { community: { id: post.community.id, name: post.community.name } }),
    reason: dismissed.reason,
    kind: dismissed.reason.startsWith('kind:') ? dismissed.reason.slice('kind:'.length) : undefined,
    modelVersion: dismissed.modelVersion,
    dismissedAt: dismissed.at,
  };
}
