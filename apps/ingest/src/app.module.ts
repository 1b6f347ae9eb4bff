import { Module } from '@nestjs/common';
import { PlatformModule } from '@otklik/platform';
import { IntakeModule } from './intake/intake.module';
import { OkModule } from './ok/ok.module';
import { PollingModule } from './polling/polling.module';
import { PostsModule } from './posts/posts.module';
import { RetentionModule } from './retention/retention.module';
import { SourcesModule } from './sources/sources.module';
import { TelegramModule } from './telegram/telegram.module';
import { VkModule } from './vk/vk.module';

/** The ingest service: the connectors and their polling, the recorder and its outbox relay, the sources API, intake. */
@Module({
  imports: [PlatformModule.forRoot('ingest'), SourcesModule, PostsModule, PollingModule, VkModule, OkModule, TelegramModule, IntakeModule, RetentionModule],
})
export class AppModule {}
