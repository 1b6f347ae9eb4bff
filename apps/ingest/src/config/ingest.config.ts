import { registerAs } from '@nestjs/config';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Max, Min, MinLength } from 'class-validator';
import { ConfigurationError, readEnv } from '@otklik/config';

class IngestEnv {
  /** Key of the author pseudonym HMAC; rotating it changes every pseudonym. */
  @IsString()
  @MinLength(32, { message: 'INGEST_PSEUDONYM_KEY must be at least 32 characters' })
  INGEST_PSEUDONYM_KEY: string = '';

  @IsInt()
  @Min(1)
  @Max(3650)
  INGEST_RAW_RETENTION_DAYS: number = 30;

  /** Days a post keeps its text and author after ingest last recorded a change of it; then they are erased. */
  @IsInt()
  @Min(7)
  @Max(3650)
  POST_RETENTION_DAYS: number = 365;

  @IsInt()
  @Min(60_000)
  INGEST_PURGE_INTERVAL_MS: number = 3600_000;

  @IsOptional()
  @IsString()
  INGEST_SOURCES_FILE?: string = undefined;

  @IsIn(['true', 'false'])
  INGEST_POLLING_ENABLED: string = 'true';

  @IsInt()
  @Min(10)
  @Max(60_000)
  INGEST_RELAY_IDLE_MS: number = 200;

  @IsInt()
  @Min(0)
  @Max(50)
  INGEST_TELEGRAM_LONG_POLL_SEC: number = 25;

  /** Roles (comma-separated) allowed to see authors' display names on the posts API. */
  @IsString()
  INGEST_AUTHOR_NAME_ROLES: string = 'operator,supervisor';

  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  VK_API_URL: string = 'https://api.vk.com';

  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  OK_API_URL: string = 'https://api.ok.ru';

  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  TELEGRAM_API_URL: string = 'https://api.telegram.org';

  @IsInt()
  @Min(1)
  @Max(100)
  VK_REQUESTS_PER_SECOND: number = 3;
}

/** Ingest's own settings (`ingest` namespace); a bad variable stops the start naming it. */
export const ingestConfig = registerAs('ingest', () => {
  const env = readEnv(IngestEnv);
  // Raw payloads hold the same names and ids in the platform's form: they may not outlive the post.
  if (env.INGEST_RAW_RETENTION_DAYS > env.POST_RETENTION_DAYS) {
    throw new ConfigurationError([`INGEST_RAW_RETENTION_DAYS (${env.INGEST_RAW_RETENTION_DAYS}) must not exceed POST_RETENTION_DAYS (${env.POST_RETENTION_DAYS})`]);
  }
  return {
    pseudonymKey: env.INGEST_PSEUDONYM_KEY,
    rawRetentionMs: env.INGEST_RAW_RETENTION_DAYS * 86400_000,
    postRetentionMs: env.POST_RETENTION_DAYS * 86400_000,
    purgeIntervalMs: env.INGEST_PURGE_INTERVAL_MS,
    sourcesFile: env.INGEST_SOURCES_FILE,
    pollingEnabled: env.INGEST_POLLING_ENABLED === 'true',
    relayIdleMs: env.INGEST_RELAY_IDLE_MS,
    telegramLongPollSec: env.INGEST_TELEGRAM_LONG_POLL_SEC,
    authorNameRoles: env.INGEST_AUTHOR_NAME_ROLES.split(',')
      .map((r) => r.trim())
      .filter((r) => r.length > 0),
    vkApiUrl: env.VK_API_URL.replace(/\/$/, ''),
    okApiUrl: env.OK_API_URL.replace(/\/$/, ''),
    telegramApiUrl: env.TELEGRAM_API_URL.replace(/\/$/, ''),
    vkRequestsPerSecond: env.VK_REQUESTS_PER_SECOND,
  };
});

/** The resolved settings. */
export type IngestConfig = ReturnType<typeof ingestConfig>;
