import type { PostRecord } from './projection.schema';

/** A post without its own timeline. */
export type PostListed = Omit<PostRecord, 'timeline' | 'version'>;

/** The change of one post: the fields to set, or undefined for "nothing to change". */
export type PostChange = (current: PostRecord | undefined) => Promise<Partial<PostRecord> | undefined>;

/** Where desk's posts are kept, each with its own events: folded by the projection, read by incidents, the dismissed list and Open311. */
export abstract class PostStore {
  /** Read-modify-write of one post, as IncidentStore.update. */
  abstract update(postId: string, change: PostChange): Promise<PostRecord | undefined>;
  /** The post with its timeline. */
  abstract find(postId: string): Promise<PostRecord | undefined>;
  /** The posts among `postIds` that are stored, with their timelines. */
  abstract withTimelines(postIds: readonly string[]): Promise<PostRecord[]>;
  /** The posts among `postIds` that are stored, without their timelines. */
  abstract views(postIds: readonly string[]): Promise<PostListed[]>;
  /** The post a platform knows by `externalId`. */
  abstract findExternal(platform: string, externalId: string): Promise<PostListed | undefined>;
  /** Posts the classifier dismissed that nobody marked not dismissed, newest dismissal first. */
  abstract dismissed(limit: number, offset: number): Promise<PostListed[]>;
}
