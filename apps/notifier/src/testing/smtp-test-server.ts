import { AddressInfo } from 'node:net';
import { SMTPServer, SMTPServerOptions } from 'smtp-server';

/** A message as the SMTP server received it. */
export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  headers: Map<string, string>;
  /** Body with its transfer encoding undone. */
  body: string;
  subject: string;
}

/** Makes the server answer RCPT TO for matching addresses with the given SMTP code. */
export type RecipientRule = (address: string) => { code: number; message: string } | undefined;

/**
 * A real SMTP server on 127.0.0.1 (port 0) for tests and local runs: speaks the full protocol and
 * keeps what it was sent. Tests wait on `nextMail()`, never on time.
 */
export class SmtpTestServer {
  readonly received: ReceivedMail[] = [];
  private readonly waiters: ((m: ReceivedMail) => void)[] = [];
  private server?: SMTPServer;
  private rule: RecipientRule = () => undefined;

  async start(options: Partial<SMTPServerOptions> = {}): Promise<number> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      ...options,
      onRcptTo: (address, _session, callback) => {
        const verdict = this.rule(address.address);
        if (!verdict) return callback();
        const err = Object.assign(new Error(verdict.message), { responseCode: verdict.code });
        callback(err);
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
          this.accept(
            from,
            session.envelope.rcptTo.map((r) => r.address),
            Buffer.concat(chunks).toString('utf8'),
          );
          callback();
        });
      },
    });
    const server = this.server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.server.address() as AddressInfo).port;
  }

  /** Answer RCPT TO by this rule from now on. */
  rejectRecipients(rule: RecipientRule): void {
    this.rule = rule;
  }

  /** Resolves with the next message received (or one already waiting unread). */
  nextMail(): Promise<ReceivedMail> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(from: string, to: string[], raw: string): void {
    const mail = parseMail(from, to, raw);
    this.received.push(mail);
    this.waiters.shift()?.(mail);
  }
}

/** Minimal single-part MIME reading: unfolded headers, encoded words, base64/quoted-printable body. */
export function parseMail(from: string, to: string[], raw: string): ReceivedMail {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const rawBody = raw.slice(split + 4);
  const body = encoding === 'base64' ? Buffer.from(rawBody.replace(/\s+/g, ''), 'base64').toString('utf8') : encoding === 'quoted-printable' ? decodeQuotedPrintable(rawBody) : rawBody;
  return { from, to, raw, headers, body, subject: decodeWords(headers.get('subject') ?? '') };
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => `%${h}`);
  return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
}

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_m, enc: string, data: string) =>
      enc.toLowerCase() === 'b' ? Buffer.from(data, 'base64').toString('utf8') : decodeQuotedPrintable(data.replace(/_/g, ' ')),
    );
}
