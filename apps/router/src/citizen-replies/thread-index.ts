import { Platform, PostThreadRef, replyExternalId } from '@otklik/contracts';

/** One post or published answer of an incident, found by its platform id. */
export interface ThreadEntry {
  /** `<platform>:<external id>`, see `threadKey`. */
  key: string;
  incidentId: string;
  kind: 'post' | 'reply';
  /** The incident's post (kind `post`), or the post the answer was published under (kind `reply`). */
  postId: string;
  /** Who wrote the post (kind `post`): the citizens whose verdict counts. */
  authorPseudonym?: string;
  /** The post's thread, from which the ids of replies under it are made. */
  threadId?: string;
  at: Date;
}

/** Key of a post on its platform. */
export function threadKey(platform: Platform, externalId: string): string {
  return `${platform}:${externalId}`;
}

/** Keys a reply may belong by, nearest first: what it replies to, then its thread. */
export function keysOf(origin: PostThreadRef): string[] {
  return [origin.replyTo, origin.threadId].filter((id): id is string => id !== undefined).map((id) => threadKey(origin.platform, id));
}

/** The entry of an answer published as `platformReplyId` under the incident's post `post`. */
export function replyEntry(post: ThreadEntry, platform: Platform, platformReplyId: string, at: Date): ThreadEntry | undefined {
  const externalId = post.key.slice(post.key.indexOf(':') + 1);
  const id = replyExternalId(platform, { externalId, ...(post.threadId !== undefined && { threadId: post.threadId }) }, platformReplyId);
  return id === undefined ? undefined : { key: threadKey(platform, id), incidentId: post.incidentId, kind: 'reply', postId: post.postId, at };
}

/**
 * Which incident a platform id belongs to: its posts and the answers published under them. The
 * router keeps it to find the incident a citizen's reply is about; writing an entry twice is one entry.
 */
export interface ThreadIndex {
  remember(entry: ThreadEntry): Promise<void>;
  /** The entry of the incident's post `postId`. */
  postEntry(postId: string): Promise<ThreadEntry | undefined>;
  /** The first of `keys` that is known. */
  find(keys: readonly string[]): Promise<ThreadEntry | undefined>;
  /** Authors of the incident's posts. */
  authorsOf(incidentId: string): Promise<string[]>;
}
