import { Module } from '@nestjs/common';
import { PlatformModule } from '@otklik/platform';
import { PostClassificationModule } from './post-classification/post-classification.module';
import { ReviewModule } from './review/review.module';

/** The classifier service: posts classified and announced, and the operators' review queue. */
@Module({
  imports: [PlatformModule.forRoot('classifier'), PostClassificationModule, ReviewModule],
})
export class AppModule {}
