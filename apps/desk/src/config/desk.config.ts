import { join, resolve } from 'node:path';
import { registerAs } from '@nestjs/config';
import { ConfigurationError, findWorkspaceRoot, readEnv } from '@otklik/config';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';

class DeskEnv {
  /** Public base URL: links to photos and Open311 answers use it. Defaults to the listening address. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'DESK_PUBLIC_URL must be an http(s) URL' })
  DESK_PUBLIC_URL?: string = undefined;

  @IsInt()
  @Min(1)
  @Max(24 * 60)
  DESK_SESSION_IDLE_MINUTES: number = 60;

  @IsInt()
  @Min(1)
  @Max(24 * 7)
  DESK_SESSION_MAX_HOURS: number = 12;

  /** log2 of scrypt's N for new password hashes; 17 is OWASP's recommendation, tests use less. */
  @IsInt()
  @Min(12)
  @Max(20)
  DESK_SCRYPT_COST_LOG2: number = 17;

  @IsString()
  DESK_TIME_ZONE: string = 'Europe/Moscow';

  @IsNumber()
  @Min(0.01)
  @Max(0.99)
  DESK_LOW_CONFIDENCE: number = 0.6;

  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9._-]{2,63}$/, { message: 'DESK_ADMIN_LOGIN must be 3–64 latin letters, digits, . _ -' })
  DESK_ADMIN_LOGIN?: string = undefined;

  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'DESK_ADMIN_PASSWORD must be at least 12 characters' })
  DESK_ADMIN_PASSWORD?: string = undefined;

  /** Where a generated first-administrator password is kept when DESK_ADMIN_PASSWORD is not set. */
  @IsOptional()
  @IsString()
  DESK_ADMIN_PASSWORD_FILE?: string = undefined;

  @IsOptional()
  @IsIn(['true', 'false'])
  DESK_COOKIE_SECURE?: string = undefined;

  @IsIn(['true', 'false'])
  DESK_TRUST_PROXY: string = 'false';

  @Matches(/^[a-z0-9._-]{1,64}$/, { message: 'DESK_OPEN311_JURISDICTION must be a short id' })
  DESK_OPEN311_JURISDICTION: string = 'otklik';

  /** Ingest's HTTP intake, where Open311 requests go in as posts. */
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'DESK_INGEST_URL must be an http(s) URL' })
  DESK_INGEST_URL: string = 'http://127.0.0.1:3001';

  @IsOptional()
  @IsString()
  DESK_INGEST_TOKEN?: string = undefined;

  /** The router's HTTP API, which owns agencies, territories and routing rules. */
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'DESK_ROUTER_URL must be an http(s) URL' })
  DESK_ROUTER_URL: string = 'http://127.0.0.1:3003';

  /** Source registered in ingest for posts that come through Open311. */
  @Matches(/^[a-z0-9._-]{1,63}$/, { message: 'DESK_OPEN311_SOURCE_ID must be a source id' })
  DESK_OPEN311_SOURCE_ID: string = 'open311';

  /** Minutes a surge may wait in the queue unacknowledged before it escalates to the supervisors. */
  @IsNumber()
  @Min(0.01)
  @Max(7 * 24 * 60)
  DESK_SURGE_ACKNOWLEDGE_MINUTES: number = 30;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT?: number = undefined;

  @IsString()
  HOST: string = '127.0.0.1';
}

/** Everything desk reads from the environment beyond the platform's settings. */
export interface DeskConfig {
  publicUrl: string;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  scryptCostLog2: number;
  /** Time zone of the management centre: dashboard days are counted in it. */
  timeZone: string;
  /** Confidence below which a classification or routing goes to the review queue. */
  lowConfidence: number;
  /**
   * First administrator, created when there is no user at all: with the configured password, or
   * with a generated one written to `passwordFile`.
   */
  bootstrapAdmin: { login: string; password?: string; passwordFile: string };
  cookieSecure: boolean;
  /** Express `trust proxy`, so the audit log records the client's address behind a proxy. */
  trustProxy: boolean;
  open311Jurisdiction: string;
  /** Where Open311 requests are forwarded (ingest's intake) and as which source. */
  intake: { url: string; token?: string; sourceId: string };
  /** Base URLs of the services that own the directories desk shows. */
  owners: { router: string; ingest: string };
  /** How long a surge may wait unacknowledged before it escalates. */
  surgeAcknowledgeMs: number;
}

function checkTimeZone(zone: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    throw new ConfigurationError([`DESK_TIME_ZONE=${JSON.stringify(zone)}: must be an IANA time zone such as Europe/Moscow`]);
  }
}

/**
 * `.data/desk-admin-password` for desk's own database; a desk started on another database (a
 * test or a benchmark) keeps its password beside it, named after that database, so it never
 * replaces the local installation's.
 */
function defaultPasswordFile(database: string | undefined): string {
  const name = !database || database === 'otklik_desk' ? 'desk-admin-password' : `desk-admin-password.${database.replace(/[^\w.-]/g, '_')}`;
  return join(findWorkspaceRoot() ?? process.cwd(), '.data', name);
}

/** Reads and validates desk's settings; throws ConfigurationError naming each bad variable. */
export function readDeskConfig(source: NodeJS.ProcessEnv = process.env): DeskConfig {
  const env = readEnv(DeskEnv, source);
  checkTimeZone(env.DESK_TIME_ZONE);
  if (Boolean(env.DESK_ADMIN_LOGIN) !== Boolean(env.DESK_ADMIN_PASSWORD)) {
    throw new ConfigurationError(['DESK_ADMIN_LOGIN and DESK_ADMIN_PASSWORD: set both or neither']);
  }
  const publicUrl = (env.DESK_PUBLIC_URL ?? `http://${env.HOST}:${env.PORT ?? 3000}`).replace(/\/+$/, '');
  return {
    publicUrl,
    sessionIdleMinutes: env.DESK_SESSION_IDLE_MINUTES,
    sessionMaxHours: env.DESK_SESSION_MAX_HOURS,
    scryptCostLog2: env.DESK_SCRYPT_COST_LOG2,
    timeZone: env.DESK_TIME_ZONE,
    lowConfidence: env.DESK_LOW_CONFIDENCE,
    bootstrapAdmin: {
      login: env.DESK_ADMIN_LOGIN ?? 'admin',
      password: env.DESK_ADMIN_PASSWORD,
      passwordFile: resolve(env.DESK_ADMIN_PASSWORD_FILE ?? defaultPasswordFile(source.MONGODB_DB)),
    },
    cookieSecure: env.DESK_COOKIE_SECURE ? env.DESK_COOKIE_SECURE === 'true' : publicUrl.startsWith('https://'),
    trustProxy: env.DESK_TRUST_PROXY === 'true',
    open311Jurisdiction: env.DESK_OPEN311_JURISDICTION,
    intake: { url: env.DESK_INGEST_URL.replace(/\/+$/, ''), token: env.DESK_INGEST_TOKEN, sourceId: env.DESK_OPEN311_SOURCE_ID },
    owners: { router: env.DESK_ROUTER_URL.replace(/\/+$/, ''), ingest: env.DESK_INGEST_URL.replace(/\/+$/, '') },
    surgeAcknowledgeMs: Math.round(env.DESK_SURGE_ACKNOWLEDGE_MINUTES * 60_000),
  };
}

/** Nest config namespace `desk`. */
export const deskConfig = registerAs('desk', () => readDeskConfig(process.env));

/** Injection token of the validated configuration. */
export const DESK_CONFIG = Symbol('DESK_CONFIG');
