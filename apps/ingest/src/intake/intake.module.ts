import { Module } from '@nestjs/common';
import { PostRecorderService } from '../posts/post-recorder.service';
import { PostsModule } from '../posts/posts.module';
import { SourcesModule } from '../sources/sources.module';
import { SourcesService } from '../sources/sources.service';
import { IntakeController } from './intake.controller';
import { IntakeService } from './intake.service';

/** Generic intake: posts handed in over HTTP by other monitoring tools and desk's Open311 requests. */
@Module({
  imports: [PostsModule, SourcesModule],
  controllers: [IntakeController],
  providers: [
    {
      provide: IntakeService,
      inject: [PostRecorderService, SourcesService],
      useFactory: (recorder: PostRecorderService, sources: SourcesService) => new IntakeService(recorder, sources),
    },
  ],
})
export class IntakeModule {}
