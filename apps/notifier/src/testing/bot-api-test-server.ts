import { HttpTestServer, RecordedRequest, TestAnswer } from './http-test-server';

/**
 * A local stand-in for the Telegram Bot API: the same routes, answer envelope and error
 * descriptions as api.telegram.org for sendMessage, with switches for throttling.
 */
export class BotApiTestServer {
  readonly http: HttpTestServer;
  /** Chats the bot can write to, with the message ids that exist in each. */
  readonly chats = new Map<string, Set<number>>();
  /** Sent messages, in order. */
  readonly sent: { chatId: string; messageId: number; text: string; replyTo?: number; at: number }[] = [];
  /** The next N sendMessage calls answer 429 with this retry_after (seconds). */
  throttle = { times: 0, retryAfter: 1 };
  /** While set, every request gets this answer (a gateway outage, a truncated body). */
  outage?: TestAnswer;
  private nextId = 1000;

  constructor(readonly token: string) {
    this.http = new HttpTestServer((req) => this.answer(req));
  }

  start(): Promise<string> {
    return this.http.start();
  }

  stop(): Promise<void> {
    return this.http.stop();
  }

  /** Declares a chat (and message ids already in it). */
  addChat(chatId: string, messageIds: number[] = []): void {
    this.chats.set(chatId, new Set(messageIds));
  }

  private answer(req: RecordedRequest): TestAnswer {
    if (this.outage) return this.outage;
    const m = /^\/bot([^/]+)\/(\w+)$/.exec(req.path);
    if (!m) return { status: 404, json: { ok: false, error_code: 404, description: 'Not Found' } };
    if (m[1] !== this.token) return { status: 401, json: { ok: false, error_code: 401, description: 'Unauthorized' } };
    if (m[2] !== 'sendMessage') return { status: 404, json: { ok: false, error_code: 404, description: 'Not Found: method not found' } };
    if (this.throttle.times > 0) {
      this.throttle.times--;
      const retryAfter = this.throttle.retryAfter;
      return fail(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });
    }
    return this.sendMessage(req.json ?? {});
  }

  private sendMessage(body: Record<string, unknown>): TestAnswer {
    const chatId = String(body.chat_id ?? '');
    const text = typeof body.text === 'string' ? body.text : '';
    if (!chatId) return fail(400, 'Bad Request: chat_id is empty');
    if (!text.trim()) return fail(400, 'Bad Request: message text is empty');
    if (text.length > 4096) return fail(400, 'Bad Request: message is too long');
    const messages = this.chats.get(chatId);
    if (!messages) return fail(400, 'Bad Request: chat not found');
    const reply = body.reply_parameters as { message_id?: number } | undefined;
    if (reply?.message_id !== undefined && !messages.has(reply.message_id)) {
      return fail(400, 'Bad Request: message to be replied not found');
    }
    const messageId = this.nextId++;
    messages.add(messageId);
    this.sent.push({ chatId, messageId, text, replyTo: reply?.message_id, at: Date.now() });
    return {
      json: {
        ok: true,
        result: { message_id: messageId, date: Math.floor(Date.now() / 1000), chat: { id: Number(chatId), type: 'supergroup' }, text },
      },
    };
  }
}

function fail(code: number, description: string, parameters?: Record<string, number>): TestAnswer {
  return { status: code, json: { ok: false, error_code: code, description, ...(parameters ? { parameters } : {}) } };
}
