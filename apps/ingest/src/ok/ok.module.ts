import { Module, OnModuleInit } from '@nestjs/common';
import { ConfigModule } from '@otklik/config';
import { ingestConfig, IngestConfig } from '../config/ingest.config';
import { PollerRegistry } from '../polling/poller-registry';
import { PollingModule } from '../polling/polling.module';
import { DEFAULT_OK_CLIENT_OPTIONS, OkApiClient } from './ok-api.client';
import { OkFeedPoller } from './ok.poller';

/** Odnoklassniki: the polling of group feeds. */
@Module({
  imports: [ConfigModule.forFeature(ingestConfig), PollingModule],
  providers: [
    {
      provide: OkFeedPoller,
      inject: [ingestConfig.KEY],
      useFactory: (config: IngestConfig) => new OkFeedPoller(new OkApiClient({ ...DEFAULT_OK_CLIENT_OPTIONS, baseUrl: config.okApiUrl })),
    },
  ],
})
export class OkModule implements OnModuleInit {
  constructor(
    private readonly pollers: PollerRegistry,
    private readonly feed: OkFeedPoller,
  ) {}

  /** OK group sources are polled with this poller. */
  onModuleInit(): void {
    this.pollers.register('community', this.feed);
  }
}
