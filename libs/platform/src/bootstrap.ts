import { INestApplication, Type } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { NestMicroservice } from '@nestjs/microservices';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'pino';
import { secureOpenApi, SecureOpenApiOptions } from '@otklik/auth';
import { configurationRead, httpConfig } from '@otklik/config';
import { KafkaEventServer } from '@otklik/messaging';
import { enableDefaultMetrics, PinoNestLogger } from '@otklik/observability';
import { EventErrorsFilter } from './event-errors.filter';
import { createValidationPipe, HttpErrorsFilter } from './http-errors';
import { DEFAULT_PORTS, LOGGER, ServiceName } from './platform.tokens';
import { requestLog } from './request-log';

/** Options of `createServiceApp`. */
export interface ServiceAppOptions {
  /** Title for the OpenAPI document at /docs. */
  title?: string;
  /** Called before listening, e.g. to serve static files. */
  configure?: (app: INestApplication) => void | Promise<void>;
  /** Credentials the service takes besides bearer tokens (desk's session cookie). */
  openApi?: SecureOpenApiOptions;
}

/** The service's OpenAPI document as served at /docs: its routes, credentials and answers. */
export function buildOpenApiDocument(app: INestApplication, service: ServiceName, options: ServiceAppOptions = {}): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(options.title ?? `Otklik ${service}`)
    .setVersion('1')
    .build();
  return secureOpenApi(SwaggerModule.createDocument(app, config), options.openApi);
}

/**
 * Builds a service: HTTP app with a log line per request, validation, error mapping, OpenAPI at
 * /docs, and the Kafka batch transport connected; logs the configuration it runs with (secrets
 * redacted). Does not listen yet (tests choose their own port).
 */
export async function createServiceApp(service: ServiceName, module: Type<unknown>, options: ServiceAppOptions = {}): Promise<INestApplication> {
  enableDefaultMetrics(service);
  const app = await NestFactory.create(module, { bufferLogs: true, abortOnError: false });
  const logger = app.get<Logger>(LOGGER);
  app.useLogger(new PinoNestLogger(logger));
  app.use(requestLog(logger));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpErrorsFilter(logger));
  app.enableShutdownHooks();
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app, service, options));
  // Handlers get events already validated against the catalogue, so HTTP pipes are not inherited.
  // Deferred so the filter is in place before handlers are registered; the application itself
  // runs the lifecycle hooks, so the microservice must not run them a second time.
  const microservice = app.connectMicroservice({ strategy: app.get(KafkaEventServer) }, { deferInitialization: true }) as NestMicroservice;
  microservice.useGlobalFilters(new EventErrorsFilter());
  microservice.setIsInitHookCalled(true);
  await options.configure?.(app);
  // Lifecycle hooks (topics, indexes, engines) run before the consumer takes its first batch.
  await app.init();
  await app.startAllMicroservices();
  logger.info({ configuration: configurationRead() }, `${service} configuration`);
  return app;
}

/** Starts a service for real: builds it and listens on PORT (or the service's default port). */
export async function runService(service: ServiceName, module: Type<unknown>, options: ServiceAppOptions = {}): Promise<INestApplication> {
  const app = await createServiceApp(service, module, options);
  const http = app.get<ConfigType<typeof httpConfig>>(httpConfig.KEY);
  const port = http.port ?? DEFAULT_PORTS[service];
  await app.listen(port, http.host);
  app.get<Logger>(LOGGER).info({ port, host: http.host }, `${service} listening`);
  return app;
}
