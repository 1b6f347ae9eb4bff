import { BadRequestException, Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentCaller, Roles } from '@otklik/auth';
import type { ClassificationCorrectedV2 } from '@otklik/contracts';
import { ConfirmReviewDto, CorrectReviewDto, ListReviewQuery } from './review.dto';
import type { ReviewItem } from './review-item.schema';
import { ReviewItemNotFoundError, ReviewService, type ReviewAnswer } from './review.service';

/**
 * Operators' review queue: decisions the classifier was unsure of, to confirm or correct. The
 * centre's only. An answer is recorded as given by the caller of the verified token.
 */
@ApiTags('review')
@Roles('admin', 'operator', 'supervisor', 'service')
@Controller('review-queue')
export class ReviewController {
  constructor(private readonly review: ReviewService) {}

  @Get()
  @ApiOperation({ summary: 'List review items, oldest first' })
  list(@Query() query: ListReviewQuery): Promise<ReviewItem[]> {
    return this.review.list(query.status ?? 'pending', query.limit ?? 50, query.skip ?? 0);
  }

  @Get(':postId')
  @ApiOperation({ summary: 'One review item' })
  get(@Param('postId') postId: string): Promise<ReviewItem> {
    return this.found(() => this.review.get(postId));
  }

  @Post(':postId/confirm')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm the decision; it becomes a labelled example' })
  @ApiOkResponse({ description: 'The recorded answer (labels unchanged).' })
  confirm(@Param('postId') postId: string, @Body() _body: ConfirmReviewDto, @CurrentCaller() caller: Caller): Promise<ClassificationCorrectedV2> {
    return this.answer(postId, { operatorId: caller.sub });
  }

  @Post(':postId/correct')
  @HttpCode(200)
  @ApiOperation({ summary: 'Correct labels; the corrected example trains the next model' })
  @ApiOkResponse({ description: 'The recorded answer.' })
  correct(@Param('postId') postId: string, @Body() body: CorrectReviewDto, @CurrentCaller() caller: Caller): Promise<ClassificationCorrectedV2> {
    if (body.topicCode === undefined && body.kind === undefined && body.urgency === undefined && body.territoryCode === undefined) {
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: ['topicCode, kind, urgency or territoryCode: give at least one corrected label (or use /confirm)'] });
    }
    const { topicCode, kind, urgency, territoryCode } = body;
    return this.answer(postId, { operatorId: caller.sub, topicCode, kind, urgency, territoryCode });
  }

  /**
   * Records the answer as a labelled example. It is not announced: `classification.corrected` is
   * desk's event (one producer per event); a correction that should change routing is made there.
   */
  private answer(postId: string, answer: ReviewAnswer): Promise<ClassificationCorrectedV2> {
    return this.found(() => this.review.resolve(postId, answer));
  }

  private async found<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof ReviewItemNotFoundError) throw new NotFoundException({ statusCode: 404, error: 'Not Found', message: [error.message] });
      throw error;
    }
  }
}
