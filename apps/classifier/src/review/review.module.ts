import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CorrectionHandler } from './correction.handler';
import { LabelledExample, LabelledExampleSchema } from './labelled-example.schema';
import { ReviewItem, ReviewItemSchema } from './review-item.schema';
import { ReviewController } from './review.controller';
import { ReviewService } from './review.service';

/** Operators' review of doubtful decisions, and the labelled examples their answers and desk's corrections make. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: ReviewItem.name, schema: ReviewItemSchema },
      { name: LabelledExample.name, schema: LabelledExampleSchema },
    ]),
  ],
  controllers: [ReviewController, CorrectionHandler],
  providers: [ReviewService],
  exports: [ReviewService],
})
export class ReviewModule {}
