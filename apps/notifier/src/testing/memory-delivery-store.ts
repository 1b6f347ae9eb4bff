import { deliveryId, DeliveryQuery, DeliveryRecord, DeliveryStore, isClaimable, NewDelivery } from '../delivery-log/delivery-log.store';

/** The delivery log in process memory: the same rules as the MongoDB store, for tests and benches. */
export class InMemoryDeliveryStore implements DeliveryStore {
  private readonly records = new Map<string, DeliveryRecord>();

  async insertIfAbsent(d: NewDelivery, now: Date): Promise<{ record: DeliveryRecord; created: boolean }> {
    const id = deliveryId(d.eventId, d.recipient, d.channel);
    const existing = this.records.get(id);
    if (existing) return { record: { ...existing }, created: false };
    const record: DeliveryRecord = { ...d, id, status: d.held ? 'held' : 'pending', attempts: 0, createdAt: now, updatedAt: now };
    this.records.set(id, record);
    return { record: { ...record }, created: true };
  }

  async claim(id: string, now: Date, leaseMs: number): Promise<DeliveryRecord | undefined> {
    const r = this.records.get(id);
    if (!r || !isClaimable(r, now)) return undefined;
    return this.update(id, { status: 'sending', attempts: r.attempts + 1, leaseUntil: new Date(now.getTime() + leaseMs), updatedAt: now });
  }

  async markSent(id: string, externalId: string | undefined, now: Date): Promise<DeliveryRecord | undefined> {
    return this.update(id, { status: 'sent', externalId, sentAt: now, leaseUntil: undefined, lastError: undefined, updatedAt: now });
  }

  async markRetry(id: string, notBefore: Date, error: string, now: Date): Promise<DeliveryRecord | undefined> {
    return this.update(id, { status: 'retry', notBefore, lastError: error, leaseUntil: undefined, updatedAt: now });
  }

  async markFailed(id: string, error: string, now: Date): Promise<DeliveryRecord | undefined> {
    return this.update(id, { status: 'failed', lastError: error, failedAt: now, leaseUntil: undefined, updatedAt: now });
  }

  async release(id: string, now: Date): Promise<DeliveryRecord | undefined> {
    const r = this.records.get(id);
    if (!r || (r.status !== 'held' && r.status !== 'failed')) return undefined;
    return this.update(id, { status: 'pending', notBefore: now, updatedAt: now, held: false, reported: false });
  }

  async findDue(now: Date, limit: number): Promise<string[]> {
    return [...this.records.values()]
      .filter((r) => isClaimable(r, now))
      .sort((a, b) => a.notBefore.getTime() - b.notBefore.getTime())
      .slice(0, limit)
      .map((r) => r.id);
  }

  async findUnreported(limit: number): Promise<DeliveryRecord[]> {
    return [...this.records.values()]
      .filter((r) => (r.status === 'sent' || r.status === 'failed') && !r.reported)
      .slice(0, limit)
      .map((r) => ({ ...r }));
  }

  async markReported(id: string): Promise<void> {
    this.update(id, { reported: true });
  }

  async purgeFinishedBefore(cutoff: Date): Promise<number> {
    const old = [...this.records.values()].filter((r) => (r.status === 'sent' || r.status === 'failed') && r.reported && r.updatedAt < cutoff);
    for (const r of old) this.records.delete(r.id);
    return old.length;
  }

  async get(id: string): Promise<DeliveryRecord | undefined> {
    const r = this.records.get(id);
    return r && { ...r };
  }

  async list(q: DeliveryQuery): Promise<DeliveryRecord[]> {
    return [...this.records.values()]
      .filter((r) => (q.status ? r.status === q.status : true))
      .filter((r) => (q.recipient ? r.recipient === q.recipient : true))
      .filter((r) => (q.incidentId ? r.incidentId === q.incidentId : true))
      .filter((r) => (q.eventId ? r.eventId === q.eventId : true))
      .filter((r) => (q.channel ? r.channel === q.channel : true))
      .filter((r) => (q.before ? r.updatedAt.getTime() < q.before.getTime() : true))
      .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())
      .slice(0, q.limit)
      .map((r) => ({ ...r }));
  }

  private update(id: string, patch: Partial<DeliveryRecord>): DeliveryRecord | undefined {
    const r = this.records.get(id);
    if (!r) return undefined;
    Object.assign(r, patch);
    return { ...r };
  }
}
