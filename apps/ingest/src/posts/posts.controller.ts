import { Controller, DefaultValuePipe, Get, Headers, Inject, NotFoundException, Param, ParseIntPipe, Query } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import type { PostReceivedV1 } from '@otklik/contracts';
import { ingestConfig, IngestConfig } from '../ingest.config';
import { POST_STORE } from '../ingest.tokens';
import type { MongoPostStore } from './mongo-post.store';
import type { StoredPost } from './post.model';

/** A post as the API shows it. */
export interface PostView {
  post: PostReceivedV1;
  revision: number;
  published: boolean;
  filterReasons: string[];
  deletedAt?: Date;
}

/** Posts as ingest keeps them; authors' display names only for roles allowed to see them. */
@ApiTags('posts')
@ApiHeader({ name: 'x-otklik-role', required: false, description: 'Role of the caller, set by the desk gateway.' })
@Controller('v1/posts')
export class PostsController {
  constructor(
    @Inject(POST_STORE) private readonly posts: MongoPostStore,
    @Inject(ingestConfig.KEY) private readonly config: IngestConfig,
  ) {}

  @Get('filtered')
  async filtered(
    @Query('sourceId') sourceId: string | undefined,
    @Query('limit', new DefaultValuePipe(50), ParseIntPipe) limit: number,
    @Headers('x-otklik-role') role: string | undefined,
  ): Promise<PostView[]> {
    return (await this.posts.listFiltered(sourceId, Math.min(Math.max(limit, 1), 500))).map((p) => this.view(p, role));
  }

  @Get(':postId')
  async get(@Param('postId') postId: string, @Headers('x-otklik-role') role: string | undefined): Promise<PostView> {
    const post = await this.posts.findById(postId);
    if (!post) throw new NotFoundException(`postId: no post ${postId}`);
    return this.view(post, role);
  }

  private view(stored: StoredPost, role: string | undefined): PostView {
    const mayName = role !== undefined && this.config.authorNameRoles.includes(role);
    const author = mayName ? stored.post.author : { ...stored.post.author, displayName: undefined };
    return {
      post: { ...stored.post, author }, revision: stored.revision, published: stored.emitted,
      filterReasons: stored.filterReasons, deletedAt: stored.deletedAt,
    };
  }
}
