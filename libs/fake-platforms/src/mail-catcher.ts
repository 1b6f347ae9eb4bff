import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { closeServer, listenLocal, sendJson } from './fake-http';

/** Messages read at once by `list`. */
const LIST_SLICE = 256;

/** What the inbox shows of one caught message; the whole message is `<id>.eml` beside it. */
export interface CaughtMail {
  id: string;
  receivedAt: string;
  from: string;
  to: string[];
  subject: string;
  /** The body with its transfer encoding undone (single-part text, as the notifier sends). */
  text: string;
  /** The sender's Message-ID, angle brackets included; absent when the message had none. */
  messageId?: string;
}

/** Where a mail catcher listens and keeps what it catches. */
export interface MailCatcherOptions {
  /** Folder of the messages: `<id>.eml` and `<id>.json` each. */
  dir: string;
  /** SMTP port on 127.0.0.1 (0: an ephemeral one). */
  smtpPort?: number;
  /** Port of the read-only inbox page and JSON on 127.0.0.1 (0: an ephemeral one). */
  httpPort?: number;
}

/**
 * A real SMTP server on loopback that accepts every message, keeps it on disk, and shows the
 * inbox read-only over HTTP: `/` (a page), `/messages.json` (newest first), `/messages/<id>.eml`.
 * Stands in for the mail relay on a local installation, so what the notifier sends can be read.
 */
export class MailCatcher {
  private smtp?: SMTPServer;
  private http?: Server;
  private readonly waiters: ((mail: CaughtMail) => void)[] = [];
  private count = 0;
  smtpPort = 0;
  inboxUrl = '';

  constructor(private readonly options: MailCatcherOptions) {}

  async start(): Promise<this> {
    await mkdir(this.options.dir, { recursive: true });
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      size: 10 * 1024 * 1024,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
          const to = session.envelope.rcptTo.map((r) => r.address);
          this.keep(from, to, Buffer.concat(chunks)).then(
            () => callback(),
            (error: Error) => callback(error),
          );
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      smtp.server.once('error', reject);
      smtp.listen(this.options.smtpPort ?? 0, '127.0.0.1', () => resolve());
    });
    this.smtp = smtp;
    this.smtpPort = (smtp.server.address() as AddressInfo).port;
    const { server, baseUrl } = await listenLocal(async (request, response) => {
      const path = (request.url ?? '/').split('?')[0] ?? '/';
      if (path === '/messages.json') return sendJson(response, await this.list());
      const raw = /^\/messages\/([\w-]+)\.eml$/.exec(path);
      if (raw?.[1]) return this.sendFile(response, `${raw[1]}.eml`);
      if (path === '/') {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(inboxPage(await this.list()));
        return;
      }
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }, this.options.httpPort ?? 0);
    this.http = server;
    this.inboxUrl = baseUrl;
    return this;
  }

  async stop(): Promise<void> {
    const smtp = this.smtp;
    if (smtp) await new Promise<void>((resolve) => smtp.close(() => resolve()));
    if (this.http) await closeServer(this.http);
  }

  /** Resolves with the next message caught. */
  nextMail(): Promise<CaughtMail> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Every message kept in the folder, newest first. */
  async list(): Promise<CaughtMail[]> {
    const names = (await readdir(this.options.dir))
      .filter((name) => name.endsWith('.json'))
      .sort()
      .reverse();
    // In slices: a fault run catches tens of thousands, and opening them all at once runs out of file descriptors.
    const mails: CaughtMail[] = [];
    for (let i = 0; i < names.length; i += LIST_SLICE) {
      const slice = names.slice(i, i + LIST_SLICE);
      mails.push(...(await Promise.all(slice.map(async (name) => JSON.parse(await readFile(join(this.options.dir, name), 'utf8')) as CaughtMail))));
    }
    return mails;
  }

  private async keep(from: string, to: string[], raw: Buffer): Promise<void> {
    const receivedAt = new Date();
    // Time first, so names sort in the order the messages came.
    const id = `${receivedAt.toISOString().replace(/[:.]/g, '-')}-${process.pid}-${String(++this.count).padStart(5, '0')}`;
    const mail: CaughtMail = { id, receivedAt: receivedAt.toISOString(), from, to, ...readMessage(raw.toString('utf8')) };
    await writeFile(join(this.options.dir, `${id}.eml`), raw);
    await writeFile(join(this.options.dir, `${id}.json`), JSON.stringify(mail, null, 1));
    this.waiters.shift()?.(mail);
  }

  private async sendFile(response: ServerResponse, name: string): Promise<void> {
    try {
      const body = await readFile(join(this.options.dir, name));
      response.writeHead(200, { 'content-type': 'message/rfc822; charset=utf-8' }).end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  }
}

/** Subject and text of a single-part message: unfolded headers, encoded words, base64 or QP body. */
export function readMessage(raw: string): { subject: string; text: string; messageId?: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = (split >= 0 ? raw.slice(0, split) : raw).replace(/\r\n[ \t]+/g, ' ');
  const header = (name: string): string => {
    const line = head.split('\r\n').find((l) => l.toLowerCase().startsWith(`${name}:`));
    return line ? line.slice(name.length + 1).trim() : '';
  };
  const body = split >= 0 ? raw.slice(split + 4) : '';
  const encoding = header('content-transfer-encoding').toLowerCase();
  const text = encoding === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : encoding === 'quoted-printable' ? quotedPrintable(body) : body;
  const messageId = header('message-id');
  return { subject: encodedWords(header('subject')), text: text.trim(), ...(messageId && { messageId }) };
}

function quotedPrintable(text: string): string {
  const bytes: number[] = [];
  const soft = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < soft.length; i++) {
    const hex = soft[i] === '=' ? /^[0-9A-F]{2}/i.exec(soft.slice(i + 1, i + 3)) : null;
    if (hex) {
      bytes.push(parseInt(hex[0], 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(soft[i] ?? '', 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function encodedWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_m, kind: string, data: string) =>
      kind.toLowerCase() === 'b' ? Buffer.from(data, 'base64').toString('utf8') : quotedPrintable(data.replace(/_/g, ' ')),
    );
}

const escape = (text: string): string => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

function inboxPage(mails: CaughtMail[]): string {
  const rows = mails
    .map(
      (m) =>
        `<tr><td>${escape(new Date(m.receivedAt).toLocaleString('ru-RU', { timeZone: 'Europe/Moscow' }))}</td><td>${escape(m.to.join(', '))}</td>` +
        `<td><details><summary>${escape(m.subject || '(без темы)')}</summary><pre>${escape(m.text)}</pre></details></td>` +
        `<td><a href="/messages/${m.id}.eml">.eml</a></td></tr>`,
    )
    .join('\n');
  return `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Почта (${mails.length})</title>
<style>body{font:14px system-ui,sans-serif;margin:1.5rem}td{padding:.3rem .6rem;border-bottom:1px solid #ddd;vertical-align:top}pre{white-space:pre-wrap}</style></head>
<body><h1>Перехваченная почта: ${mails.length}</h1><p>Всё, что Otklik отправил по SMTP на этой машине. Письма никуда не уходят.</p>
<table><tr><th>Получено</th><th>Кому</th><th>Тема</th><th></th></tr>
${rows}</table></body></html>`;
}
