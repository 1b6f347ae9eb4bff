import { Module } from '@nestjs/common';
import { ConfigModule } from '@otklik/config';
import { ingestConfig } from '../config/ingest.config';
import { PostsModule } from '../posts/posts.module';
import { PostErasureJob } from './post-erasure.job';
import { RawPayloadPurgeJob } from './raw-payload-purge.job';

/** Retention: raw payloads purged, and posts' personal data erased, past their periods. */
@Module({
  imports: [ConfigModule.forFeature(ingestConfig), PostsModule],
  providers: [RawPayloadPurgeJob, PostErasureJob],
})
export class RetentionModule {}
