import { Module } from '@nestjs/common';
import { ReviewModule } from '../review/review.module';
import { classifierProvider, decisionPoolProvider } from './classifier.provider';
import { PostClassificationHandler } from './post-classification.handler';
import { PostClassificationService } from './post-classification.service';

/** New and edited posts classified by the model and announced; doubtful decisions queued for review. */
@Module({
  imports: [ReviewModule],
  controllers: [PostClassificationHandler],
  providers: [classifierProvider, decisionPoolProvider, PostClassificationService],
})
export class PostClassificationModule {}
