import { Inject, Module, OnModuleInit } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import { ConfigModule } from '@otklik/config';
import { InjectLogger } from '@otklik/platform';
import { ingestConfig, IngestConfig } from '../config/ingest.config';
import { CredentialResolver } from './credentials';
import { MongoCheckpointStore, MongoSourceConfigStore, MongoSourceStatusStore } from './mongo-source.store';
import { SourceChanges } from './source-changes';
import type { SourceStatusStore } from './source-status.store';
import { SourcesController } from './sources.controller';
import { SourcesService } from './sources.service';
import { CHECKPOINT_STORE, SOURCE_STATUS_STORE } from './sources.tokens';

const CONNECTION = getConnectionToken();

/** What ingest watches: the sources and their API, their health and checkpoints, the credentials they name. */
@Module({
  imports: [ConfigModule.forFeature(ingestConfig)],
  controllers: [SourcesController],
  providers: [
    { provide: MongoSourceConfigStore, inject: [CONNECTION], useFactory: (c: Connection) => new MongoSourceConfigStore(c) },
    { provide: SOURCE_STATUS_STORE, inject: [CONNECTION], useFactory: (c: Connection) => new MongoSourceStatusStore(c) },
    { provide: CHECKPOINT_STORE, inject: [CONNECTION], useFactory: (c: Connection) => new MongoCheckpointStore(c) },
    { provide: CredentialResolver, useFactory: () => new CredentialResolver(process.env) },
    {
      provide: SourcesService,
      inject: [MongoSourceConfigStore, SOURCE_STATUS_STORE, CredentialResolver],
      useFactory: (configs: MongoSourceConfigStore, status: SourceStatusStore, credentials: CredentialResolver) => new SourcesService(configs, status, credentials),
    },
    SourceChanges,
  ],
  exports: [SourcesService, SOURCE_STATUS_STORE, CHECKPOINT_STORE, CredentialResolver, SourceChanges],
})
export class SourcesModule implements OnModuleInit {
  constructor(
    private readonly sources: SourcesService,
    @Inject(ingestConfig.KEY) private readonly config: IngestConfig,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  /** Applies the sources file (INGEST_SOURCES_FILE), if any, before polling and the API start. */
  async onModuleInit(): Promise<void> {
    if (!this.config.sourcesFile) return;
    const count = await this.sources.seedFromFile(this.config.sourcesFile);
    this.logger.info({ count, file: this.config.sourcesFile }, 'sources seeded');
  }
}
