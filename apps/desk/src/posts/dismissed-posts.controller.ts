import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@otklik/auth';
import { URGENCIES, Urgency } from '@otklik/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import type { Principal } from '../access/principal';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { TOPIC_CODE } from '../taxonomy/taxonomy-codes';
import { DismissedPage, DismissedPostsService } from './dismissed-posts.service';
import { ACTIONABLE_KINDS, UndismissPostService } from './undismiss-post.service';

export class DismissedListParams {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 10000, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10000)
  offset?: number;
}

export class UndismissRequest {
  @ApiProperty({ description: 'Taxonomy topic code the post is about, e.g. housing.heating: the router routes by it' })
  @Matches(TOPIC_CODE, { message: 'topicCode must be a topic code such as housing.heating' })
  topicCode: string;

  @ApiPropertyOptional({ description: 'Territory code (OKTMO) where the problem is' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  territoryCode?: string;

  @ApiPropertyOptional({ enum: URGENCIES, default: 'normal' }) @IsOptional() @IsIn(URGENCIES) urgency?: Urgency;

  @ApiPropertyOptional({ enum: ACTIONABLE_KINDS, default: 'complaint' })
  @IsOptional()
  @IsIn(ACTIONABLE_KINDS, { message: 'kind must be complaint or question: only those need action' })
  kind?: (typeof ACTIONABLE_KINDS)[number];
}

@ApiTags('posts')
@Controller('api/v1/posts')
export class DismissedPostsController {
  constructor(
    private readonly dismissed: DismissedPostsService,
    private readonly undismissal: UndismissPostService,
  ) {}

  @Get('dismissed')
  @Roles('operator', 'supervisor', 'admin')
  @ApiOperation({ summary: 'Posts the classifier dismissed as not a complaint, newest first (management centre only)' })
  list(@Query() params: DismissedListParams): Promise<DismissedPage> {
    return this.dismissed.list(params.limit ?? 50, params.offset ?? 0);
  }

  @Post('dismissed/:postId/undismiss')
  @HttpCode(202)
  @Roles('operator', 'supervisor', 'admin')
  @ApiOperation({ summary: 'Mark a dismissed post as needing action after all (a classification correction): the router makes it an incident' })
  @ApiErrors({ 409: 'The post was already marked as needing action', 422: 'topicCode: not a code of the taxonomy' })
  async undismiss(@Param('postId') postId: string, @Body() body: UndismissRequest, @CurrentPrincipal() principal: Principal): Promise<{ eventId: string }> {
    return { eventId: await this.undismissal.undismiss(principal, postId, body) };
  }
}
