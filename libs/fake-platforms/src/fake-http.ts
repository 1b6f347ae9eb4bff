import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A fault the next matching request gets instead of its normal answer. */
export type Fault =
  | { kind: 'http'; status: number; body?: string; headers?: Record<string, string> }
  /** The body is cut short and the connection closed while the client still expects bytes. */
  | { kind: 'cut' }
  /** A complete HTTP answer whose body is the first half of the JSON. */
  | { kind: 'half-json' }
  | { kind: 'json'; body: unknown };

/** Reads a request body as text. */
export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Sends `body` as JSON, or the fault instead. */
export function sendJson(response: ServerResponse, body: unknown, fault?: Fault): void {
  const text = JSON.stringify(fault?.kind === 'json' ? fault.body : body);
  if (fault?.kind === 'http') {
    response.writeHead(fault.status, { 'content-type': 'text/plain', ...fault.headers }).end(fault.body ?? 'error');
  } else if (fault?.kind === 'cut') {
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
    response.write(text.slice(0, Math.floor(text.length / 2)));
    response.socket?.destroy();
  } else if (fault?.kind === 'half-json') {
    response.writeHead(200, { 'content-type': 'application/json' }).end(text.slice(0, Math.floor(text.length / 2)));
  } else {
    response.writeHead(200, { 'content-type': 'application/json' }).end(text);
  }
}

/** Starts `handler` on 127.0.0.1 at `port` (0: an ephemeral one); returns the server and its base URL. */
export async function listenLocal(handler: (request: IncomingMessage, response: ServerResponse) => Promise<void>, port = 0): Promise<{ server: Server; baseUrl: string }> {
  const server = createServer((request, response) => {
    handler(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return { server, baseUrl: `http://127.0.0.1:${address.port}` };
}

/** Closes a server and every open connection. */
export async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}
