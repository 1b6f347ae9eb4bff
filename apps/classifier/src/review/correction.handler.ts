import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Logger } from 'pino';
import { TOPICS, type ClassificationCorrectedV2, type EventEnvelope } from '@otklik/contracts';
import { NATURALLY_IDEMPOTENT } from '@otklik/messaging';
import { InjectLogger } from '@otklik/platform';
import { ReviewService } from './review.service';

/**
 * Operators' corrections made in desk become labelled examples for the next training run.
 * Recording one again gives the same example, so no claim per event is needed.
 */
@Controller()
export class CorrectionHandler {
  constructor(
    private readonly review: ReviewService,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  @EventPattern(TOPICS.classificationCorrected, { [NATURALLY_IDEMPOTENT]: true })
  async onCorrected(@Payload() event: EventEnvelope<ClassificationCorrectedV2>): Promise<void> {
    const outcome = await this.review.recordCorrection(event.payload, new Date(event.occurredAt));
    if (outcome === 'no-text') this.logger.warn({ eventId: event.id, postId: event.payload.postId }, 'correction without the post text: no labelled example');
  }
}
