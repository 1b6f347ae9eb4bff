import { Module } from '@nestjs/common';
import { ActionsModule } from '../actions/actions.module';
import { OwnersModule } from '../owners/owners.module';
import { ProjectionModule } from '../projection/projection.module';
import { TaxonomyModule } from '../taxonomy/taxonomy.module';
import { DismissedPostsController } from './dismissed-posts.controller';
import { DismissedPostsService } from './dismissed-posts.service';
import { HeldPostsController } from './held-posts.controller';
import { HeldPostsService } from './held-posts.service';
import { UndismissPostService } from './undismiss-post.service';

/** Posts outside incidents: those dismissed (and taken back) and those ingest held back. */
@Module({
  imports: [ProjectionModule, ActionsModule, OwnersModule, TaxonomyModule],
  controllers: [DismissedPostsController, HeldPostsController],
  providers: [DismissedPostsService, UndismissPostService, HeldPostsService],
})
export class PostsModule {}
