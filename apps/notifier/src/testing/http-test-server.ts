import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/** A request as a test server received it. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
  /** Body parsed as JSON, or as form fields, when it is one of those. */
  json?: Record<string, unknown>;
  form?: URLSearchParams;
  /** 1-based order of arrival. */
  n: number;
}

/** What the handler answers. */
export interface TestAnswer {
  status?: number;
  json?: unknown;
  body?: string;
  headers?: Record<string, string>;
  /** Close the socket without answering (a network failure as the client sees it). */
  destroy?: boolean;
}

export type TestHandler = (req: RecordedRequest) => TestAnswer | Promise<TestAnswer>;

/**
 * A real HTTP server on 127.0.0.1, port 0, that answers as the provider under test would.
 * Tests wait on `waitForRequests(n)`, never on time.
 */
export class HttpTestServer {
  readonly requests: RecordedRequest[] = [];
  private server?: Server;
  private waiters: { n: number; resolve: () => void }[] = [];

  constructor(private handler: TestHandler) {}

  async start(): Promise<string> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        void this.handle(req, Buffer.concat(chunks).toString('utf8')).then((answer) => {
          if (answer.destroy) return req.socket.destroy();
          const headers = { ...(answer.json !== undefined ? { 'content-type': 'application/json' } : {}), ...answer.headers };
          res.writeHead(answer.status ?? 200, headers);
          res.end(answer.json !== undefined ? JSON.stringify(answer.json) : (answer.body ?? ''));
        });
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** Replaces the handler (a provider that changes its mind mid-test). */
  answerWith(handler: TestHandler): void {
    this.handler = handler;
  }

  /** Resolves once at least `n` requests have arrived. */
  waitForRequests(n: number): Promise<void> {
    if (this.requests.length >= n) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ n, resolve }));
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, body: string): Promise<TestAnswer> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const type = String(req.headers['content-type'] ?? '');
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
      n: this.requests.length + 1,
      json: type.includes('json') && body ? (JSON.parse(body) as Record<string, unknown>) : undefined,
      form: type.includes('x-www-form-urlencoded') ? new URLSearchParams(body) : undefined,
    };
    this.requests.push(recorded);
    const answer = await this.handler(recorded);
    this.waiters = this.waiters.filter((w) => (this.requests.length >= w.n ? (w.resolve(), false) : true));
    return answer;
  }
}
