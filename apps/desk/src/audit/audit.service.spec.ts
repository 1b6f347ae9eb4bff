import type { Logger } from 'pino';
import type { AuditRecord } from './audit.schema';
import { AuditService } from './audit.service';
import { AuditQuery, AuditStore } from './audit.store';

class ListAuditStore extends AuditStore {
  readonly records: AuditRecord[] = [];
  failing = false;

  async add(record: AuditRecord): Promise<void> {
    if (this.failing) throw new Error('database down');
    this.records.push(record);
  }

  async find(query: AuditQuery): Promise<AuditRecord[]> {
    return this.records.slice(0, query.limit);
  }
}

const attempt = (body: unknown): AuditRecord => ({ at: new Date('2026-03-02T09:00:00Z'), method: 'POST', path: '/api/v1/users', status: 201, outcome: 'ok', body, durationMs: 12 });

describe('AuditService', () => {
  const logged: string[] = [];
  const logger = { error: (message: string) => logged.push(message) } as unknown as Logger;

  it('stores the body with its secrets masked', async () => {
    const store = new ListAuditStore();
    await new AuditService(store, logger).record(attempt({ login: 'ivanova', password: 'hunter2' }));
    expect(store.records[0].body).toEqual({ login: 'ivanova', password: '***' });
  });

  it('stores only a marker for a body too long to keep', async () => {
    const store = new ListAuditStore();
    await new AuditService(store, logger).record(attempt({ items: Array.from({ length: 50 }, () => 'x'.repeat(200)) }));
    expect(store.records[0].body).toEqual({ truncated: true });
  });

  it('logs a record the store could not keep instead of failing the request', async () => {
    const store = new ListAuditStore();
    store.failing = true;
    await expect(new AuditService(store, logger).record(attempt({}))).resolves.toBeUndefined();
    expect(logged).toEqual(['audit record lost for POST /api/v1/users: database down']);
  });
});
