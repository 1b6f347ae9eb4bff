import { Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { InjectLogger } from '@otklik/platform';
import type { AuditRecord } from './audit.schema';
import { AuditQuery, AuditStore } from './audit.store';

const SECRET_KEY = /pass(word)?|secret|token|api_key|authorization/i;
const MAX_BODY_CHARS = 4000;

/** Copy of a request body fit for the audit log: secrets masked, long texts cut, binary summarised. */
export function redactBody(body: unknown, depth = 0): unknown {
  if (Buffer.isBuffer(body)) return { bytes: body.length };
  if (typeof body === 'string') return body.length > 1000 ? `${body.slice(0, 1000)}…` : body;
  if (depth > 4 || body === null || typeof body !== 'object') return body;
  if (Array.isArray(body)) return body.slice(0, 50).map((item) => redactBody(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    // Stored documents may not have keys with dots or a leading $ (FerretDB refuses them).
    const safeKey = key.replace(/^\$/, '＄').replace(/\./g, '．');
    copy[safeKey] = SECRET_KEY.test(key) ? '***' : redactBody(value, depth + 1);
  }
  return copy;
}

/** Outcome class of an HTTP status. */
export function outcomeOf(status: number): AuditRecord['outcome'] {
  if (status >= 500) return 'error';
  if (status === 401 || status === 403 || status === 404) return 'denied';
  if (status >= 400) return 'invalid';
  return 'ok';
}

@Injectable()
export class AuditService {
  constructor(
    private readonly store: AuditStore,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  async record(entry: AuditRecord): Promise<void> {
    let body = entry.body === undefined ? undefined : redactBody(entry.body);
    if (body !== undefined && JSON.stringify(body).length > MAX_BODY_CHARS) body = { truncated: true };
    try {
      await this.store.add({ ...entry, body });
    } catch (error) {
      // The write itself already happened; losing its audit line must at least be loud.
      this.logger.error(`audit record lost for ${entry.method} ${entry.path}: ${(error as Error).message}`);
    }
  }

  find(query: AuditQuery): Promise<AuditRecord[]> {
    return this.store.find(query);
  }
}
