import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { PlatformModule } from '@otklik/platform';
import { classifierProvider, decisionPoolProvider } from './post-classification/classifier.provider';
import { PostClassificationHandler } from './post-classification/post-classification.handler';
import { PostClassificationService } from './post-classification/post-classification.service';
import { LabelledExample, LabelledExampleSchema } from './review/labelled-example.schema';
import { ReviewController } from './review/review.controller';
import { ReviewItem, ReviewItemSchema } from './review/review-item.schema';
import { CorrectionHandler } from './review/correction.handler';
import { ReviewService } from './review/review.service';

@Module({
  imports: [
    PlatformModule.forRoot('classifier'),
    MongooseModule.forFeature([
      { name: ReviewItem.name, schema: ReviewItemSchema },
      { name: LabelledExample.name, schema: LabelledExampleSchema },
    ]),
  ],
  controllers: [PostClassificationHandler, ReviewController, CorrectionHandler],
  providers: [classifierProvider, decisionPoolProvider, PostClassificationService, ReviewService],
})
export class AppModule {}
