import { ConflictException, Controller, DefaultValuePipe, Get, HttpCode, Inject, NotFoundException, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Caller, CurrentCaller, Roles } from '@otklik/auth';
import type { PostReceivedV1 } from '@otklik/contracts';
import { ingestConfig, IngestConfig } from '../config/ingest.config';
import { POST_STORE } from './posts.tokens';
import { HeldPostNotFoundError, HeldPostReleaseService, PostNotHeldError } from './held-post-release.service';
import type { MongoPostStore } from './mongo-post.store';
import type { PostRelease, StoredPost } from './post.model';

/** A post as the API shows it. */
export interface PostView {
  post: PostReceivedV1;
  revision: number;
  published: boolean;
  filterReasons: string[];
  /** Who released it from the spam filter, when, and what had held it. */
  release?: PostRelease;
  deletedAt?: Date;
}

/**
 * Posts as ingest keeps them, for the management centre; authors' display names only for the
 * roles in INGEST_AUTHOR_NAME_ROLES, taken from the caller's verified token.
 */
@ApiTags('posts')
@Roles('admin', 'operator', 'supervisor', 'service')
@Controller('v1/posts')
export class PostsController {
  constructor(
    @Inject(POST_STORE) private readonly posts: MongoPostStore,
    @Inject(ingestConfig.KEY) private readonly config: IngestConfig,
    private readonly releases: HeldPostReleaseService,
  ) {}

  @Get('filtered')
  async filtered(@Query('sourceId') sourceId: string | undefined, @Query('limit', new DefaultValuePipe(50), ParseIntPipe) limit: number, @CurrentCaller() caller: Caller): Promise<PostView[]> {
    return (await this.posts.listFiltered(sourceId, Math.min(Math.max(limit, 1), 500))).map((p) => this.view(p, caller));
  }

  @Get(':postId')
  async get(@Param('postId') postId: string, @CurrentCaller() caller: Caller): Promise<PostView> {
    const post = await this.posts.findById(postId);
    if (!post) throw new NotFoundException(`postId: no post ${postId}`);
    return this.view(post, caller);
  }

  /** A person's decision, so only the centre's people (desk calls on their behalf), never a service alone. */
  @Post(':postId/release')
  @HttpCode(200)
  @Roles('admin', 'operator', 'supervisor')
  @ApiOperation({ summary: 'Release a post the spam filter held back: its post.received is published now' })
  @ApiErrors({ 409: 'The post is not held back (published, deleted on its platform, or erased past retention)' })
  async release(@Param('postId') postId: string, @CurrentCaller() caller: Caller): Promise<PostView> {
    try {
      return this.view(await this.releases.release(postId, caller.sub), caller);
    } catch (error) {
      if (error instanceof HeldPostNotFoundError) throw new NotFoundException(`postId: no post ${postId}`);
      if (error instanceof PostNotHeldError) throw new ConflictException(`postId: ${error.message}`);
      throw error;
    }
  }

  private view(stored: StoredPost, caller: Caller): PostView {
    const mayName = this.config.authorNameRoles.includes(caller.role);
    const author = mayName ? stored.post.author : { ...stored.post.author, displayName: undefined };
    return {
      post: { ...stored.post, author },
      revision: stored.revision,
      published: stored.emitted,
      filterReasons: stored.filterReasons,
      release: stored.release,
      deletedAt: stored.deletedAt,
    };
  }
}
