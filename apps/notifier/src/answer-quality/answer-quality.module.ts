import { Module } from '@nestjs/common';
import { ConfigModule } from '@otklik/config';
import { notifierConfig, NotifierConfig } from '../config/notifier.config';
import { AnswerQualityService } from './answer-quality.service';

/** The check of agencies' answers for formal non-answers before they go back to citizens. */
@Module({
  imports: [ConfigModule.forFeature(notifierConfig)],
  providers: [
    {
      provide: AnswerQualityService,
      inject: [notifierConfig.KEY],
      useFactory: (config: NotifierConfig) => new AnswerQualityService({ holdFlagged: config.holdFlaggedAnswers }),
    },
  ],
  exports: [AnswerQualityService],
})
export class AnswerQualityModule {}
