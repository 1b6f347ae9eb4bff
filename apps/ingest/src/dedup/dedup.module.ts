import { Module } from '@nestjs/common';
import { DEFAULT_NEAR_DUPLICATE_OPTIONS, NearDuplicateService } from './near-duplicate.service';
import { RecentPostsIndex } from './recent-posts.index';

/** Near-duplicate linking: the recent posts kept in memory, and the comparison of a new post with them. */
@Module({
  providers: [
    { provide: RecentPostsIndex, useFactory: () => new RecentPostsIndex(DEFAULT_NEAR_DUPLICATE_OPTIONS.windowMs) },
    { provide: NearDuplicateService, inject: [RecentPostsIndex], useFactory: (recent: RecentPostsIndex) => new NearDuplicateService(recent) },
  ],
  exports: [RecentPostsIndex, NearDuplicateService],
})
export class DedupModule {}
