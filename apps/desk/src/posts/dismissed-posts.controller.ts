import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Roles } from '../auth/auth.decorators';
import { DismissedPage, DismissedPostsService } from './dismissed-posts.service';

export class DismissedListParams {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 10000, default: 0 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(10000) offset?: number;
}

@ApiTags('posts')
@Controller('api/v1/posts')
export class DismissedPostsController {
  constructor(private readonly dismissed: DismissedPostsService) {}

  @Get('dismissed')
  @Roles('operator', 'supervisor', 'admin')
  @ApiOperation({ summary: 'Posts the classifier dismissed as not a complaint, newest first (management centre only)' })
  list(@Query() params: DismissedListParams): Promise<DismissedPage> {
    return this.dismissed.list(params.limit ?? 50, params.offset ?? 0);
  }
}
