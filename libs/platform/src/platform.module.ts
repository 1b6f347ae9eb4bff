import { DynamicModule, Global, Inject, Injectable, MiddlewareConsumer, Module, NestModule, OnApplicationShutdown, OnModuleInit, Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ConfigModule, ConfigType } from '@nestjs/config';
import { getConnectionToken, MongooseModule } from '@nestjs/mongoose';
import { TerminusModule } from '@nestjs/terminus';
import { Connection } from 'mongoose';
import { Logger } from 'pino';
import { authConfig, CallerGuard } from '@otklik/auth';
import { EVENT_CATALOGUE } from '@otklik/contracts';
import { httpConfig, kafkaConfig, mongoConfig, telemetryConfig } from '@otklik/config';
import { EventPublisher, KafkaConnection, KafkaEventServer, MessagingOptions, MongoProcessedEventLedger, DEFAULT_MESSAGING_OPTIONS } from '@otklik/messaging';
import { createLogger } from '@otklik/observability';
import { HealthController } from './health.controller';
import { KafkaHealthIndicator } from './kafka.health';
import { MetricsController } from './metrics.controller';
import { consumerGroupOf, databaseOf, LOGGER, SERVICE_NAME, ServiceName } from './platform.tokens';
import { RateLimitGuard } from './rate-limit';
import { WriteAuditLog, WriteAuditMiddleware } from './write-audit';

/** Options of `PlatformModule.forRoot`. */
export interface PlatformOptions {
  /**
   * `tokens` (default): every route needs a token signed with OTKLIK_AUTH_KEYS (see @otklik/auth)
   * and every write is audited. `own`: the service authenticates its callers itself (desk).
   */
  callers?: 'tokens' | 'own';
}

const PLATFORM_OPTIONS = Symbol('PLATFORM_OPTIONS');

const HOUR_MS = 3_600_000;

/**
 * Creates the catalogue's topics and the ledger's index before handlers start, purges ledger rows
 * past their retention every hour (no TTL indexes on every backend), and closes Kafka last.
 */
@Injectable()
class PlatformLifecycle implements OnModuleInit, OnApplicationShutdown {
  private purgeTimer?: NodeJS.Timeout;

  constructor(
    private readonly connection: KafkaConnection,
    private readonly ledger: MongoProcessedEventLedger,
    @Inject(kafkaConfig.KEY) private readonly kafka: ConfigType<typeof kafkaConfig>,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.connection.ensureTopics(Object.keys(EVENT_CATALOGUE));
    await this.connection.getProducer();
    await this.ledger.init();
    this.purgeTimer = setInterval(() => void this.purgeLedger(), HOUR_MS).unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.purgeTimer);
    await this.connection.close();
  }

  private async purgeLedger(): Promise<void> {
    try {
      const deleted = await this.ledger.purge(new Date(Date.now() - this.kafka.ledgerRetentionHours * HOUR_MS));
      if (deleted > 0) this.logger.info({ deleted }, 'processed-event ledger purged');
    } catch (error) {
      this.logger.warn({ err: error }, 'processed-event ledger purge failed; retried in an hour');
    }
  }
}

/**
 * Everything a service stands on: validated config, its own MongoDB database, Kafka (publisher,
 * batch consumer transport, processed-event ledger), health and metrics endpoints, a logger, and
 * (unless the service has its own) caller authentication with an audit of every write.
 */
@Global()
@Module({})
export class PlatformModule implements NestModule {
  constructor(@Inject(PLATFORM_OPTIONS) private readonly options: PlatformOptions) {}

  configure(consumer: MiddlewareConsumer): void {
    if (this.options.callers !== 'own') consumer.apply(WriteAuditMiddleware).forRoutes('*');
  }

  static forRoot(service: ServiceName, options: PlatformOptions = {}): DynamicModule {
    const callerAuth: Provider[] = options.callers === 'own' ? [] : [{ provide: APP_GUARD, useClass: CallerGuard }, WriteAuditLog];
    return {
      module: PlatformModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [kafkaConfig, mongoConfig, telemetryConfig, httpConfig, authConfig] }),
        MongooseModule.forRootAsync({
          inject: [mongoConfig.KEY],
          useFactory: (mongo: ConfigType<typeof mongoConfig>) => ({
            uri: mongo.uri,
            dbName: mongo.database ?? databaseOf(service),
            // FerretDB can hold two backend connections per command; keep the client pool small.
            maxPoolSize: 10,
            serverSelectionTimeoutMS: 5000,
          }),
        }),
        TerminusModule,
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: SERVICE_NAME, useValue: service },
        { provide: PLATFORM_OPTIONS, useValue: options },
        ...callerAuth,
        { provide: APP_GUARD, useClass: RateLimitGuard },
        {
          provide: LOGGER,
          inject: [telemetryConfig.KEY],
          useFactory: (telemetry: ConfigType<typeof telemetryConfig>) => createLogger(service, telemetry.logLevel),
        },
        {
          provide: KafkaConnection,
          inject: [kafkaConfig.KEY, LOGGER],
          useFactory: (kafka: ConfigType<typeof kafkaConfig>, logger: Logger) => {
            const options: MessagingOptions = { ...DEFAULT_MESSAGING_OPTIONS, ...kafka, clientId: service, groupId: consumerGroupOf(service) };
            return new KafkaConnection(options, {
              info: (message, context) => logger.info(context ?? {}, message),
              warn: (message, context) => logger.warn(context ?? {}, message),
              error: (message, context) => logger.error(context ?? {}, message),
            });
          },
        },
        { provide: EventPublisher, inject: [KafkaConnection], useFactory: (connection: KafkaConnection) => new EventPublisher(connection) },
        {
          provide: MongoProcessedEventLedger,
          inject: [getConnectionToken()],
          useFactory: (connection: Connection) => new MongoProcessedEventLedger(connection),
        },
        {
          provide: KafkaEventServer,
          inject: [KafkaConnection, EventPublisher, MongoProcessedEventLedger],
          useFactory: (connection: KafkaConnection, publisher: EventPublisher, ledger: MongoProcessedEventLedger) => new KafkaEventServer(connection, publisher, ledger),
        },
        PlatformLifecycle,
        KafkaHealthIndicator,
      ],
      exports: [SERVICE_NAME, LOGGER, KafkaConnection, EventPublisher, KafkaEventServer, MongoProcessedEventLedger],
    };
  }
}

/** Injects the service's pino logger. */
export const InjectLogger = (): ParameterDecorator => Inject(LOGGER);
