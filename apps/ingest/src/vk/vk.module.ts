import { Module, OnModuleInit } from '@nestjs/common';
import { ConfigModule } from '@otklik/config';
import { ingestConfig, IngestConfig } from '../config/ingest.config';
import { PollerRegistry } from '../polling/poller-registry';
import { PollingModule } from '../polling/polling.module';
import { PostRecorderService } from '../posts/post-recorder.service';
import { PostsModule } from '../posts/posts.module';
import { CredentialResolver } from '../sources/credentials';
import { SourcesModule } from '../sources/sources.module';
import { SourcesService } from '../sources/sources.service';
import { DEFAULT_VK_CLIENT_OPTIONS, VkApiClient } from './vk-api.client';
import { VkCallbackController } from './vk-callback.controller';
import { VkCallbackService } from './vk-callback.service';
import { VkSearchPoller } from './vk-search.poller';
import { VkWallPoller } from './vk-wall.poller';

/** VK: the Callback API endpoint, and the polling of community walls and keyword searches (one rate limit for both). */
@Module({
  imports: [ConfigModule.forFeature(ingestConfig), SourcesModule, PostsModule, PollingModule],
  controllers: [VkCallbackController],
  providers: [
    {
      provide: VkApiClient,
      inject: [ingestConfig.KEY],
      useFactory: (config: IngestConfig) => new VkApiClient({ ...DEFAULT_VK_CLIENT_OPTIONS, baseUrl: config.vkApiUrl, requestsPerSecond: config.vkRequestsPerSecond }),
    },
    { provide: VkWallPoller, inject: [VkApiClient], useFactory: (vk: VkApiClient) => new VkWallPoller(vk) },
    { provide: VkSearchPoller, inject: [VkApiClient], useFactory: (vk: VkApiClient) => new VkSearchPoller(vk) },
    {
      provide: VkCallbackService,
      inject: [SourcesService, CredentialResolver, PostRecorderService],
      useFactory: (sources: SourcesService, credentials: CredentialResolver, recorder: PostRecorderService) => new VkCallbackService(sources, credentials, recorder),
    },
  ],
})
export class VkModule implements OnModuleInit {
  constructor(
    private readonly pollers: PollerRegistry,
    private readonly wall: VkWallPoller,
    private readonly search: VkSearchPoller,
  ) {}

  /** VK community and keyword search sources are polled with these pollers. */
  onModuleInit(): void {
    this.pollers.register('community', this.wall);
    this.pollers.register('search', this.search);
  }
}
