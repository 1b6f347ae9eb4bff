import { registerAs } from '@nestjs/config';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min, ValidateIf } from 'class-validator';
import { readEnv } from './read-env';

const HOST_PORT_LIST = /^[^,\s:]+:\d{1,5}(,[^,\s:]+:\d{1,5})*$/;

class KafkaEnv {
  @Matches(HOST_PORT_LIST, { message: 'KAFKA_BROKERS must be a comma-separated list of host:port' })
  KAFKA_BROKERS: string = '127.0.0.1:9092';

  @Matches(/^[A-Za-z0-9._-]*$/, { message: 'KAFKA_TOPIC_PREFIX must hold only letters, digits, dot, dash or underscore' })
  KAFKA_TOPIC_PREFIX: string = '';

  @IsInt()
  @Min(1)
  @Max(1000)
  KAFKA_PARTITIONS: number = 3;

  @IsInt()
  @Min(1)
  @Max(5)
  KAFKA_REPLICATION_FACTOR: number = 1;

  @IsInt()
  @Min(1)
  @Max(20)
  KAFKA_MAX_ATTEMPTS: number = 3;

  @IsInt()
  @Min(0)
  KAFKA_RETRY_BACKOFF_MS: number = 200;

  @IsInt()
  @Min(1)
  @Max(1024)
  KAFKA_CONCURRENCY: number = 64;

  @IsInt()
  @Min(1024)
  KAFKA_MAX_BATCH_BYTES: number = 1048576;

  @IsInt()
  @Min(1)
  LEDGER_RETENTION_HOURS: number = 168;

  @IsIn(['true', 'false'])
  KAFKA_SSL: string = 'false';

  @IsOptional()
  @IsIn(['plain', 'scram-sha-256', 'scram-sha-512'])
  KAFKA_SASL_MECHANISM?: 'plain' | 'scram-sha-256' | 'scram-sha-512' = undefined;

  @ValidateIf((env: KafkaEnv) => env.KAFKA_SASL_MECHANISM !== undefined)
  @IsString()
  @IsNotEmpty()
  KAFKA_SASL_USERNAME?: string = undefined;

  @ValidateIf((env: KafkaEnv) => env.KAFKA_SASL_MECHANISM !== undefined)
  @IsString()
  @IsNotEmpty()
  KAFKA_SASL_PASSWORD?: string = undefined;
}

/** Kafka settings (`kafka` namespace). */
export const kafkaConfig = registerAs('kafka', () => {
  const env = readEnv(KafkaEnv);
  return {
    brokers: env.KAFKA_BROKERS.split(','),
    topicPrefix: env.KAFKA_TOPIC_PREFIX,
    partitions: env.KAFKA_PARTITIONS,
    replicationFactor: env.KAFKA_REPLICATION_FACTOR,
    maxAttempts: env.KAFKA_MAX_ATTEMPTS,
    retryBackoffMs: env.KAFKA_RETRY_BACKOFF_MS,
    concurrency: env.KAFKA_CONCURRENCY,
    maxBatchBytes: env.KAFKA_MAX_BATCH_BYTES,
    ledgerRetentionHours: env.LEDGER_RETENTION_HOURS,
    ssl: env.KAFKA_SSL === 'true',
    sasl:
      env.KAFKA_SASL_MECHANISM && env.KAFKA_SASL_USERNAME && env.KAFKA_SASL_PASSWORD
        ? { mechanism: env.KAFKA_SASL_MECHANISM, username: env.KAFKA_SASL_USERNAME, password: env.KAFKA_SASL_PASSWORD }
        : undefined,
  };
});

class MongoEnv {
  @Matches(/^mongodb(\+srv)?:\/\/.+/, { message: 'MONGODB_URI must be a mongodb:// connection string' })
  MONGODB_URI: string = 'mongodb://127.0.0.1:27017/?maxPoolSize=10';

  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,60}$/, { message: 'MONGODB_DB must be a database name (letters, digits, _ or -)' })
  MONGODB_DB?: string = undefined;
}

/** MongoDB settings (`mongo` namespace); each service keeps its own database. */
export const mongoConfig = registerAs('mongo', () => {
  const env = readEnv(MongoEnv);
  return { uri: env.MONGODB_URI, database: env.MONGODB_DB };
});

class TelemetryEnv {
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  @IsOptional()
  @IsString()
  OTEL_EXPORTER_OTLP_ENDPOINT?: string = undefined;
}

/** Logging and tracing settings (`telemetry` namespace). */
export const telemetryConfig = registerAs('telemetry', () => {
  const env = readEnv(TelemetryEnv);
  return { logLevel: env.LOG_LEVEL, otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT };
});

class HttpEnv {
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT?: number = undefined;

  @IsString()
  HOST: string = '127.0.0.1';
}

/** HTTP listener settings (`http` namespace); the port defaults per service. */
export const httpConfig = registerAs('http', () => {
  const env = readEnv(HttpEnv);
  return { port: env.PORT, host: env.HOST };
});
