/** What a test sees of an HTTP answer. */
export interface Answer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * A small HTTP client for tests and demo seeding that keeps the session cookie like a browser
 * (and sends the same Origin a desk page would).
 */
export class DeskClient {
  private cookie?: string;
  private bearer?: string;

  constructor(readonly baseUrl: string) {}

  /** Signs in; throws if the login is refused. */
  async login(login: string, password: string): Promise<this> {
    const answer = await this.post('/api/v1/auth/login', { login, password });
    if (answer.status !== 200) throw new Error(`login ${login} refused: ${answer.status} ${JSON.stringify(answer.body)}`);
    return this;
  }

  /** Uses an API token instead of a session. */
  withToken(token: string): this {
    this.bearer = token;
    return this;
  }

  get<T = unknown>(path: string): Promise<Answer<T>> {
    return this.send<T>('GET', path);
  }

  post<T = unknown>(path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
    return this.send<T>('POST', path, body, headers);
  }

  async send<T = unknown>(method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<Answer<T>> {
    const headers: Record<string, string> = { origin: this.baseUrl, ...extra };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    let payload: string | Blob | undefined;
    if (Buffer.isBuffer(body)) payload = new Blob([new Uint8Array(body)]);
    else if (typeof body === 'string') payload = body;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body: payload });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    const text = await response.text();
    let parsed: unknown = text;
    if ((response.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
    return { status: response.status, body: parsed as T, headers: response.headers };
  }
}
