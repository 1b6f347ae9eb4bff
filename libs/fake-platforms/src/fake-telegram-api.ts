import type { Server } from 'node:http';
import type { Update } from '@grammyjs/types';
import { closeServer, Fault, listenLocal, readBody, sendJson } from './fake-http';

/** A message sent through the fake's sendMessage. */
export interface TelegramSentMessage {
  chatId: string;
  text: string;
  replyTo?: number;
  messageId: number;
}

/**
 * A local Bot API for getUpdates and sendMessage that behaves like api.telegram.org: updates stay
 * queued until a call with a higher offset confirms them, a call with a timeout waits for new
 * updates, a wrong token gets 401, and faults (409, 429 with retry_after, 5xx, cut bodies) can be
 * injected into getUpdates.
 */
export class FakeTelegramApi {
  readonly tokens = new Set(['123:bot-token']);
  readonly faults: Fault[] = [];
  readonly calls: Record<string, string>[] = [];
  readonly sent: TelegramSentMessage[] = [];
  private queue: Update[] = [];
  /** `update_id` of the next pushed update. */
  nextUpdateId = 1000;
  private waiters: (() => void)[] = [];
  private server?: Server;
  baseUrl = '';

  /** Listens on 127.0.0.1 at `port` (0: an ephemeral one). */
  async start(port = 0): Promise<this> {
    const { server, baseUrl } = await listenLocal(async (request, response) => {
      const match = /^\/bot([^/]+)\/(getUpdates|sendMessage)/.exec(request.url ?? '');
      const body = await readBody(request);
      if (!match || !this.tokens.has(match[1])) {
        return sendJson(response, { ok: false, error_code: 401, description: 'Unauthorized' });
      }
      if (match[2] === 'sendMessage') return sendJson(response, this.sendMessage(body, request.headers['content-type'] ?? ''));
      const params = Object.fromEntries(new URLSearchParams(body));
      this.calls.push(params);
      const fault = this.faults.shift();
      if (fault) return sendJson(response, { ok: true, result: this.queue }, fault);
      const offset = params.offset === undefined ? undefined : Number(params.offset);
      if (offset !== undefined) this.queue = this.queue.filter((u) => u.update_id >= offset);
      if (this.queue.length === 0 && Number(params.timeout ?? 0) > 0) await this.waitForUpdate(Number(params.timeout) * 1000);
      sendJson(response, { ok: true, result: this.queue.slice(0, Number(params.limit ?? 100)) });
    }, port);
    this.server = server;
    this.baseUrl = baseUrl;
    return this;
  }

  async stop(): Promise<void> {
    for (const wake of this.waiters.splice(0)) wake();
    if (this.server) await closeServer(this.server);
  }

  /** Queues an update; `update_id` is assigned in sequence. */
  push(update: Omit<Update, 'update_id'>): Update {
    const full = { ...update, update_id: this.nextUpdateId++ } as Update;
    this.queue.push(full);
    for (const wake of this.waiters.splice(0)) wake();
    return full;
  }

  /** Updates still waiting for confirmation. */
  get pending(): Update[] {
    return [...this.queue];
  }

  private sendMessage(body: string, contentType: string): unknown {
    const fields: Record<string, unknown> = contentType.includes('json') ? JSON.parse(body || '{}') : Object.fromEntries(new URLSearchParams(body));
    const chatId = String(fields.chat_id ?? '');
    const text = String(fields.text ?? '');
    if (!chatId || !text) return { ok: false, error_code: 400, description: `Bad Request: ${chatId ? 'message text is empty' : 'chat_id is empty'}` };
    const reply = fields.reply_parameters as { message_id?: number } | undefined;
    const message = { chatId, text, replyTo: reply?.message_id, messageId: 5000 + this.sent.length };
    this.sent.push(message);
    return { ok: true, result: { message_id: message.messageId, date: Math.floor(Date.now() / 1000), chat: { id: Number(chatId), type: 'supergroup' }, text } };
  }

  private waitForUpdate(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
