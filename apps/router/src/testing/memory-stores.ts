import { CounterStore } from '../incidents/incident-number';
import { samePlace } from '../incidents/incident-place';
import { Incident, OutgoingEvent, TERMINAL_STATES } from '../incidents/incident.model';
import { ConcurrentUpdateError, IncidentStore, OpenIncidentQuery } from '../incidents/incident-store';
import { Charge } from '../misroutes/misroute-policy';
import { Misroute, MisrouteStore, MisrouteSummary } from '../misroutes/misroute.model';
import { SurgeStore } from '../surge/surge-detector';

/** In-memory implementations of the router's stores, with the same contracts as the MongoDB ones, for unit specs. */
export class MemoryIncidentStore implements IncidentStore {
  readonly incidents = new Map<string, Incident>();
  readonly outbox = new Map<string, OutgoingEvent[]>();
  private readonly byPost = new Map<string, Set<string>>();

  async get(id: string): Promise<Incident | undefined> {
    return this.incidents.get(id);
  }

  async findByPost(postId: string): Promise<Incident | undefined> {
    return [...(this.byPost.get(postId) ?? [])]
      .map((id) => this.incidents.get(id))
      .filter((i): i is Incident => i !== undefined && i.state !== 'merged' && i.postIds.includes(postId))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
  }

  async findOpen(q: OpenIncidentQuery): Promise<Incident[]> {
    return [...this.incidents.values()].filter(
      (i) =>
        !TERMINAL_STATES.includes(i.state) &&
        i.topicCode === q.topicCode &&
        i.territoryPath.includes(q.territoryCode) &&
        i.lastPostAt >= q.since &&
        (!q.near || samePlace(i.place, q.near.place, q.near.withinMeters)),
    );
  }

  async findAnsweredBefore(cutoff: Date, limit: number): Promise<Incident[]> {
    return [...this.incidents.values()].filter((i) => i.state === 'answered' && i.answeredAt !== undefined && i.answeredAt < cutoff).slice(0, limit);
  }

  async insert(incident: Incident, outbox: readonly OutgoingEvent[]): Promise<void> {
    if (this.incidents.has(incident.id)) throw new Error(`duplicate incident ${incident.id}`);
    this.incidents.set(incident.id, incident);
    this.outbox.set(incident.id, [...outbox]);
    this.index(incident);
  }

  private index(incident: Incident): void {
    for (const postId of incident.postIds) this.byPost.set(postId, (this.byPost.get(postId) ?? new Set()).add(incident.id));
  }

  async save(incident: Incident, outbox: readonly OutgoingEvent[]): Promise<void> {
    const stored = this.incidents.get(incident.id);
    if (!stored || stored.version !== incident.version - 1) throw new ConcurrentUpdateError(incident.id);
    this.incidents.set(incident.id, incident);
    this.outbox.set(incident.id, [...(this.outbox.get(incident.id) ?? []), ...outbox]);
    this.index(incident);
  }

  async markPublished(incidentId: string, eventIds: readonly string[]): Promise<void> {
    this.outbox.set(
      incidentId,
      (this.outbox.get(incidentId) ?? []).filter((e) => !eventIds.includes(e.envelope.id)),
    );
  }

  async pendingOutbox(limit: number): Promise<{ incidentId: string; version: number; events: OutgoingEvent[] }[]> {
    return [...this.outbox]
      .filter(([, events]) => events.length > 0)
      .slice(0, limit)
      .map(([incidentId, events]) => ({ incidentId, version: this.incidents.get(incidentId)?.version ?? 0, events }));
  }

  /** Every event in every outbox, in the order written. */
  allEvents(): OutgoingEvent[] {
    return [...this.outbox.values()].flat();
  }
}

export class MemoryCounterStore implements CounterStore {
  readonly values = new Map<string, number>();

  async next(sequence: string): Promise<number> {
    const value = (this.values.get(sequence) ?? 0) + 1;
    this.values.set(sequence, value);
    return value;
  }
}

export class MemoryMisrouteStore implements MisrouteStore {
  readonly records = new Map<string, Misroute>();

  async record(misroute: Misroute): Promise<void> {
    if (!this.records.has(misroute.id)) this.records.set(misroute.id, misroute);
  }

  async markUnjustified(id: string, charges: Charge[]): Promise<void> {
    const record = this.records.get(id);
    if (record) this.records.set(id, { ...record, unjustified: true, charges });
  }

  async summary(from: Date, to: Date): Promise<MisrouteSummary> {
    const rows = [...this.records.values()].filter((m) => m.endedAt >= from && m.endedAt < to);
    const byRule = new Map<string, { misroutes: number; lostMinutes: number }>();
    const byAgency = new Map<string, { misroutes: number; chargedMinutes: number; unjustifiedReturns: number }>();
    const byMethod = new Map<string, { misroutes: number; lostMinutes: number }>();
    for (const m of rows) {
      if (m.ruleId) {
        const r = byRule.get(m.ruleId) ?? { misroutes: 0, lostMinutes: 0 };
        byRule.set(m.ruleId, { misroutes: r.misroutes + 1, lostMinutes: r.lostMinutes + m.lostMinutes });
      }
      const a = byAgency.get(m.agencyId) ?? { misroutes: 0, chargedMinutes: 0, unjustifiedReturns: 0 };
      const charged = m.charges.filter((c) => c.party === 'agency' && c.id === m.agencyId).reduce((s, c) => s + c.minutes, 0);
      byAgency.set(m.agencyId, { misroutes: a.misroutes + 1, chargedMinutes: a.chargedMinutes + charged, unjustifiedReturns: a.unjustifiedReturns + (m.unjustified ? 1 : 0) });
      const k = byMethod.get(m.method) ?? { misroutes: 0, lostMinutes: 0 };
      byMethod.set(m.method, { misroutes: k.misroutes + 1, lostMinutes: k.lostMinutes + m.lostMinutes });
    }
    return {
      from,
      to,
      byRule: [...byRule].map(([ruleId, v]) => ({ ruleId, ...v })),
      byAgency: [...byAgency].map(([agencyId, v]) => ({ agencyId, ...v })),
      byMethod: [...byMethod].map(([method, v]) => ({ method, ...v })),
    };
  }
}

export class MemorySurgeStore implements SurgeStore {
  readonly claims = new Map<string, { at: Date; event: OutgoingEvent }>();

  constructor(private readonly incidents: MemoryIncidentStore) {}

  async recentIncidentIds(topicCode: string, territoryCode: string, since: Date): Promise<string[]> {
    return [...this.incidents.incidents.values()]
      .filter((i) => i.state !== 'dismissed' && i.topicCode === topicCode && i.territoryPath.includes(territoryCode) && i.createdAt >= since)
      .map((i) => i.id);
  }

  async claim(key: string, at: Date, windowMinutes: number, event: OutgoingEvent): Promise<boolean> {
    const last = this.claims.get(key);
    if (last && at.getTime() - last.at.getTime() < windowMinutes * 60_000) return false;
    this.claims.set(key, { at, event });
    return true;
  }
}
