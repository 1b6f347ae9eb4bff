import { BadRequestException, Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@otklik/auth';
import { TOPICS, type ClassificationCorrectedV1 } from '@otklik/contracts';
import { EventPublisher } from '@otklik/messaging';
import { ConfirmReviewDto, CorrectReviewDto, ListReviewQuery } from './review.dto';
import type { ReviewItem } from './review-item.schema';
import { ReviewItemNotFoundError, ReviewService, type ReviewAnswer } from './review.service';

/** Operators' review queue: decisions the classifier was unsure of, to confirm or correct. The centre's only. */
@ApiTags('review')
@Roles('admin', 'operator', 'supervisor', 'service')
@Controller('review-queue')
export class ReviewController {
  constructor(
    private readonly review: ReviewService,
    private readonly publisher: EventPublisher,
  ) {}

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
  @ApiOkResponse({ description: 'The published correction (labels unchanged).' })
  confirm(@Param('postId') postId: string, @Body() body: ConfirmReviewDto): Promise<ClassificationCorrectedV1> {
    return this.answer(postId, { operatorId: body.operatorId });
  }

  @Post(':postId/correct')
  @HttpCode(200)
  @ApiOperation({ summary: 'Correct labels; the corrected example trains the next model' })
  @ApiOkResponse({ description: 'The published correction.' })
  correct(@Param('postId') postId: string, @Body() body: CorrectReviewDto): Promise<ClassificationCorrectedV1> {
    if (body.topic === undefined && body.kind === undefined && body.urgency === undefined && body.territoryCode === undefined) {
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: ['topic, kind, urgency or territoryCode: give at least one corrected label (or use /confirm)'] });
    }
    return this.answer(postId, body);
  }

  private async answer(postId: string, answer: ReviewAnswer): Promise<ClassificationCorrectedV1> {
    const correction = await this.found(() => this.review.resolve(postId, answer));
    await this.publisher.publish(TOPICS.classificationCorrected, correction, { key: postId });
    return correction;
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
