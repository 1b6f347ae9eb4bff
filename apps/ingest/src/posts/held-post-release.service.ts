import { postReceivedEntry } from './post-events';
import type { PostRelease, StoredPost } from './post.model';
import type { PostStore } from './post.store';

const MAX_ATTEMPTS = 5;

/** No post has this id. */
export class HeldPostNotFoundError extends Error {
  constructor(readonly postId: string) {
    super(`no post ${postId}`);
    this.name = 'HeldPostNotFoundError';
  }
}

/** The post is not held back (any more): there is nothing to release. */
export class PostNotHeldError extends Error {
  constructor(
    readonly postId: string,
    why: string,
  ) {
    super(`post ${postId} is not held back: ${why}`);
    this.name = 'PostNotHeldError';
  }
}

/** Someone else kept changing the post while it was being released. */
export class ConcurrentReleaseError extends Error {
  constructor(readonly postId: string) {
    super(`post ${postId} changed concurrently ${MAX_ATTEMPTS} times while being released`);
    this.name = 'ConcurrentReleaseError';
  }
}

/** Told of every write that won, so the recorder's cache, recent index and relay stay in step. */
export interface WrittenPosts {
  written(post: StoredPost): void;
}

function whyNotHeld(post: StoredPost): string | undefined {
  if (post.emitted) return 'it was published';
  if (post.deletedAt) return 'it was deleted on its platform';
  // Past retention its text and author are gone: releasing it would announce an empty post.
  if (post.erasedAt) return 'its text and author were erased past retention';
  if (post.filterReasons.length === 0) return 'no filter holds it';
  return undefined;
}

/**
 * An operator's release of a post the spam filter held back: the post goes on as if it had
 * passed (its `post.received` at the next revision, through the post's own outbox), and the
 * reasons that held it are kept with who released it and when. A released post is not checked
 * again: a later edit is a `post.edited`, like any published post's.
 */
export class HeldPostReleaseService {
  constructor(
    private readonly posts: PostStore,
    private readonly recorder: WrittenPosts,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async release(postId: string, releasedBy: string): Promise<StoredPost> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const held = await this.posts.findById(postId);
      if (!held) throw new HeldPostNotFoundError(postId);
      const why = whyNotHeld(held);
      if (why) throw new PostNotHeldError(postId, why);
      const at = this.now();
      const revision = held.revision + 1;
      const post = { ...held.post, revision };
      const event = postReceivedEntry(post, revision, at);
      const release: PostRelease = { by: releasedBy, at, reasons: held.filterReasons };
      const released: StoredPost = {
        ...held,
        revision,
        post,
        filterReasons: [],
        emitted: true,
        receivedEventId: event.id,
        pendingEvents: [...held.pendingEvents, event],
        release,
        updatedAt: at,
      };
      if (await this.posts.replace(released, held.revision)) {
        this.recorder.written(released);
        return released;
      }
    }
    throw new ConcurrentReleaseError(postId);
  }
}
