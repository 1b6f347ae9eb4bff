import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { POST_MODEL, PostRecord } from './projection.schema';
import { PostChange, PostListed, PostStore } from './post.store';
import { updateVersioned } from './versioned-update';

const LISTED = { timeline: 0, version: 0, _id: 0 } as const;

/** Posts in the `desk_posts` collection, keyed by `_id` (see versioned-update.ts). */
@Injectable()
export class MongoPostStore implements PostStore {
  constructor(@InjectModel(POST_MODEL) private readonly posts: Model<PostRecord>) {}

  async update(postId: string, change: PostChange): Promise<PostRecord | undefined> {
    return (await updateVersioned(this.posts, { field: 'postId', value: postId }, (current) => change(current ?? undefined))) ?? undefined;
  }

  async find(postId: string): Promise<PostRecord | undefined> {
    return (await this.posts.findOne({ _id: postId }, { _id: 0 }).lean<PostRecord>()) ?? undefined;
  }

  /** None asked costs no query, which FerretDB would answer by reading every post. */
  async withTimelines(postIds: readonly string[]): Promise<PostRecord[]> {
    if (postIds.length === 0) return [];
    return this.posts.find({ _id: { $in: postIds } }, { _id: 0 }).lean<PostRecord[]>();
  }

  async views(postIds: readonly string[]): Promise<PostListed[]> {
    if (postIds.length === 0) return [];
    return this.posts.find({ _id: { $in: postIds } }, LISTED).lean<PostListed[]>();
  }

  async findExternal(platform: string, externalId: string): Promise<PostListed | undefined> {
    return (await this.posts.findOne({ platform, externalId }, LISTED).lean<PostListed>()) ?? undefined;
  }

  dismissed(limit: number, offset: number): Promise<PostListed[]> {
    return (
      this.posts
        // A post an operator marked not dismissed leaves the list (it becomes an incident).
        .find({ 'dismissed.at': { $exists: true }, 'dismissed.undone': { $exists: false } }, LISTED)
        .sort({ 'dismissed.at': -1 })
        .skip(offset)
        .limit(limit)
        .lean<PostListed[]>()
        .exec()
    );
  }
}
