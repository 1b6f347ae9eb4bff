import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@otklik/auth';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import type { Principal } from '../access/principal';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { HeldPost, HeldPostsService } from './held-posts.service';

export class HeldListParams {
  @ApiPropertyOptional({ description: 'Only posts of this ingest source' })
  @IsOptional()
  @IsString()
  sourceId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

@ApiTags('posts')
@Roles('operator', 'supervisor', 'admin')
@Controller('api/v1/posts/held')
export class HeldPostsController {
  constructor(private readonly held: HeldPostsService) {}

  @Get()
  @ApiOperation({ summary: "Posts ingest's spam filter held back (spam, advertising, links, flood), newest first, with the reasons" })
  @ApiErrors({ 503: 'ingest, which keeps held posts, does not answer' })
  list(@Query() params: HeldListParams, @CurrentPrincipal() principal: Principal): Promise<HeldPost[]> {
    return this.held.list(principal, params.sourceId, params.limit ?? 50);
  }

  @Post(':postId/release')
  @HttpCode(200)
  @ApiOperation({ summary: 'Release a held post: it goes on through the pipeline (classified, routed) as if it had passed the filter' })
  @ApiErrors({ 409: 'The post is not held back (any more)', 503: 'ingest, which keeps held posts, does not answer' })
  release(@Param('postId') postId: string, @CurrentPrincipal() principal: Principal): Promise<HeldPost> {
    return this.held.release(principal, postId);
  }
}
