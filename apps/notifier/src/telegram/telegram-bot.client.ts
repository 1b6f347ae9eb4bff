import { DeliveryError } from '../delivery/delivery.types';
import { parseJson, post } from '../delivery/http-request';
import { KeyedRateLimiter, realSleep, Sleep, TELEGRAM_LIMITS } from '../rate-limit/token-bucket';

/** Settings of the Telegram Bot API client. */
export interface TelegramBotOptions {
  /** `https://api.telegram.org` in production; a local server in tests. */
  baseUrl: string;
  token: string;
  timeoutMs?: number;
  /** A 429 asking to wait up to this long is waited out here; longer ones go back to the scheduler. */
  maxInlineRetryAfterMs?: number;
  /** Inline retries after 429 before giving the failure back. */
  maxInlineRetries?: number;
  limiter?: KeyedRateLimiter;
  sleep?: Sleep;
}

/** One message to send. */
export interface TelegramMessage {
  chatId: string;
  text: string;
  /** Reply to this message (a channel post, or its copy in the linked discussion group). */
  replyToMessageId?: number;
  /** Forum topic / thread to post in. */
  messageThreadId?: number;
  disableNotification?: boolean;
}

/** The Bot API's answer envelope. */
interface BotApiAnswer<T> {
  ok: boolean;
  result?: T;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

/** Telegram's text limit for one message. */
export const TELEGRAM_TEXT_LIMIT = 4096;

/** Minimal Bot API client: sendMessage with replies, rate limited, 429-aware. */
export class TelegramBotClient {
  private readonly limiter: KeyedRateLimiter;
  private readonly sleep: Sleep;

  constructor(private readonly options: TelegramBotOptions) {
    this.limiter = options.limiter ?? new KeyedRateLimiter(TELEGRAM_LIMITS);
    this.sleep = options.sleep ?? realSleep;
  }

  /** Sends a message; resolves with Telegram's message id. */
  async sendMessage(message: TelegramMessage): Promise<{ messageId: number }> {
    const body: Record<string, unknown> = {
      chat_id: message.chatId,
      text: truncate(message.text, TELEGRAM_TEXT_LIMIT),
      link_preview_options: { is_disabled: true },
    };
    if (message.replyToMessageId !== undefined) {
      // Bot API 7.0: reply_parameters replaces reply_to_message_id. If the post is gone, fail rather than
      // leave an answer hanging in the channel with nothing it answers.
      body.reply_parameters = { message_id: message.replyToMessageId, allow_sending_without_reply: false };
    }
    if (message.messageThreadId !== undefined) body.message_thread_id = message.messageThreadId;
    if (message.disableNotification) body.disable_notification = true;
    const result = await this.call<{ message_id: number }>('sendMessage', body, message.chatId);
    return { messageId: result.message_id };
  }

  private async call<T>(method: string, body: Record<string, unknown>, chatId: string): Promise<T> {
    const maxInline = this.options.maxInlineRetryAfterMs ?? 5000;
    const maxRetries = this.options.maxInlineRetries ?? 3;
    for (let attempt = 0; ; attempt++) {
      await this.limiter.acquire(chatId);
      const answer = await post({
        url: `${this.options.baseUrl.replace(/\/$/, '')}/bot${this.options.token}/${method}`,
        json: body,
        timeoutMs: this.options.timeoutMs ?? 15_000,
      });
      const parsed = parseJson<BotApiAnswer<T>>(answer, 'telegram');
      if (parsed.ok && parsed.result !== undefined) return parsed.result;
      const failure = classifyBotApiError(parsed, answer.status);
      if (failure.retryAfterMs !== undefined) this.limiter.block(failure.retryAfterMs, chatId);
      const waitable = failure.retryAfterMs !== undefined && failure.retryAfterMs <= maxInline && attempt < maxRetries;
      if (!waitable) throw failure;
      await this.sleep(failure.retryAfterMs ?? 0);
    }
  }
}

/** Maps a Bot API error to a DeliveryError: 429 and 5xx retry, 400/403/404 do not. */
export function classifyBotApiError(answer: BotApiAnswer<unknown>, httpStatus: number): DeliveryError {
  const code = answer.error_code ?? httpStatus;
  const what = `telegram ${code}: ${answer.description ?? 'no description'}`;
  if (code === 429) return DeliveryError.transient(what, (answer.parameters?.retry_after ?? 1) * 1000);
  if (answer.parameters?.migrate_to_chat_id !== undefined) {
    return DeliveryError.permanent(`${what} (chat moved to ${answer.parameters.migrate_to_chat_id})`);
  }
  if (code >= 500) return DeliveryError.transient(what);
  return DeliveryError.permanent(what);
}

function truncate(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}
