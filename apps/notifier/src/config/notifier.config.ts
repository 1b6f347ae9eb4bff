import { registerAs } from '@nestjs/config';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Max, Min } from 'class-validator';
import { readEnv } from '@otklik/config';

class NotifierEnv {
  /** Base of links to incidents in messages, e.g. https://desk.example.ru */
  @IsUrl({ require_tld: false, require_protocol: true })
  NOTIFIER_DESK_URL: string = 'http://127.0.0.1:3000';

  @IsString() SMTP_HOST: string = '127.0.0.1';
  @IsInt() @Min(1) @Max(65535) SMTP_PORT: number = 2525;
  // Booleans are read as text: implicit conversion would turn "false" into true.
  @IsIn(['true', 'false']) SMTP_SECURE: string = 'false';
  @IsOptional() @IsString() SMTP_USER?: string;
  @IsOptional() @IsString() SMTP_PASSWORD?: string;
  @IsString() SMTP_FROM: string = 'Otklik <noreply@otklik.local>';
  @IsString() SMTP_MESSAGE_ID_DOMAIN: string = 'otklik.local';

  @IsUrl({ require_tld: false, require_protocol: true }) TELEGRAM_API_URL: string = 'https://api.telegram.org';
  @IsOptional() @IsString() TELEGRAM_BOT_TOKEN?: string;

  @IsUrl({ require_tld: false, require_protocol: true }) VK_API_URL: string = 'https://api.vk.com';
  @IsOptional() @IsString() VK_ACCESS_TOKEN?: string;

  @IsUrl({ require_tld: false, require_protocol: true }) OK_API_URL: string = 'https://api.ok.ru';
  @IsOptional() @IsString() OK_APPLICATION_KEY?: string;
  @IsOptional() @IsString() OK_APPLICATION_SECRET_KEY?: string;
  @IsOptional() @IsString() OK_ACCESS_TOKEN?: string;
  @IsString() OK_COMMENT_METHOD: string = 'discussions.addDiscussionComment';

  @IsInt() @Min(1) WEBHOOK_DISABLE_AFTER_FAILURES: number = 20;
  @IsInt() @Min(100) WEBHOOK_TIMEOUT_MS: number = 10_000;

  /** Hold answers flagged as formal non-answers until an operator releases them. */
  @IsIn(['true', 'false']) ANSWER_QUALITY_HOLD_FLAGGED: string = 'true';

  /** Operators' e-mail addresses and Telegram chats, comma-separated. */
  @IsString() OPERATOR_EMAILS: string = '';
  @IsString() OPERATOR_TELEGRAM_CHATS: string = '';
  @IsIn(['ru', 'en']) OPERATOR_LOCALE: string = 'ru';
  @IsString() OPERATOR_TIME_ZONE: string = 'Europe/Moscow';

  @IsInt() @Min(10) DELIVERY_POLL_MS: number = 1000;
  @IsInt() @Min(1000) DELIVERY_LEASE_MS: number = 60_000;
  @IsInt() @Min(1000) DIGEST_CHECK_MS: number = 300_000;
  /** At least a week: a delivery is also what keeps a redelivered event from being sent twice. */
  @IsInt() @Min(7) DELIVERY_RETENTION_DAYS: number = 365;
}

const list = (value: string): string[] =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** The notifier's own settings (`notifier` namespace). */
export const notifierConfig = registerAs('notifier', () => {
  const env = readEnv(NotifierEnv);
  const okReady = env.OK_APPLICATION_KEY && env.OK_APPLICATION_SECRET_KEY && env.OK_ACCESS_TOKEN;
  return {
    deskUrl: env.NOTIFIER_DESK_URL.replace(/\/$/, ''),
    smtp: {
      host: env.SMTP_HOST,
      port: env.SMTP_PORT,
      secure: env.SMTP_SECURE === 'true',
      user: env.SMTP_USER,
      password: env.SMTP_PASSWORD,
      from: env.SMTP_FROM,
      messageIdDomain: env.SMTP_MESSAGE_ID_DOMAIN,
    },
    telegram: env.TELEGRAM_BOT_TOKEN ? { baseUrl: env.TELEGRAM_API_URL, token: env.TELEGRAM_BOT_TOKEN } : undefined,
    vk: env.VK_ACCESS_TOKEN ? { baseUrl: env.VK_API_URL, accessToken: env.VK_ACCESS_TOKEN } : undefined,
    ok: okReady
      ? {
          baseUrl: env.OK_API_URL,
          applicationKey: env.OK_APPLICATION_KEY ?? '',
          applicationSecretKey: env.OK_APPLICATION_SECRET_KEY ?? '',
          accessToken: env.OK_ACCESS_TOKEN ?? '',
          commentMethod: env.OK_COMMENT_METHOD,
        }
      : undefined,
    webhook: { disableAfterFailures: env.WEBHOOK_DISABLE_AFTER_FAILURES, timeoutMs: env.WEBHOOK_TIMEOUT_MS },
    holdFlaggedAnswers: env.ANSWER_QUALITY_HOLD_FLAGGED === 'true',
    operators: {
      emails: list(env.OPERATOR_EMAILS),
      telegramChats: list(env.OPERATOR_TELEGRAM_CHATS),
      locale: env.OPERATOR_LOCALE,
      timeZone: env.OPERATOR_TIME_ZONE,
    },
    pollMs: env.DELIVERY_POLL_MS,
    leaseMs: env.DELIVERY_LEASE_MS,
    digestCheckMs: env.DIGEST_CHECK_MS,
    deliveryRetentionDays: env.DELIVERY_RETENTION_DAYS,
  };
});

export type NotifierConfig = ReturnType<typeof notifierConfig>;
