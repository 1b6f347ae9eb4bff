import { Collection, Connection } from 'mongoose';
import { MongoIncidentStore } from '../incidents/incident.mongo';
import { OutgoingEvent } from '../incidents/incident.model';
import { isDuplicateKey, stripUndefined } from '../shared/mongo';
import { SurgeStore } from './surge-detector';

type SurgeClaim = { _id: string; key: string; at: Date; event: OutgoingEvent; published: boolean };

/**
 * Surge counts come from the incident store (its index by topic and territory); announcements are claimed per territory-topic key
 * and window slot by a unique insert (single winner on FerretDB too), and the claim keeps the
 * event until it is published.
 */
export class MongoSurgeStore implements SurgeStore {
  private readonly claims: Collection<SurgeClaim>;

  constructor(
    connection: Connection,
    private readonly incidents: MongoIncidentStore,
  ) {
    this.claims = connection.collection<SurgeClaim>('surge_alerts');
  }

  async init(): Promise<void> {
    await Promise.all([this.claims.createIndex({ key: 1, at: -1 }), this.claims.createIndex({ published: 1, at: 1 })]);
  }

  recentIncidentIds(topicCode: string, territoryCode: string, since: Date): Promise<string[]> {
    return this.incidents.createdSince(topicCode, territoryCode, since, 500);
  }

  async claim(key: string, at: Date, windowMinutes: number, event: OutgoingEvent): Promise<boolean> {
    const windowMs = windowMinutes * 60_000;
    const [last] = await this.claims.find({ key }).sort({ at: -1 }).limit(1).toArray();
    if (last && at.getTime() - last.at.getTime() < windowMs) return false;
    try {
      await this.claims.insertOne(stripUndefined({ _id: `${key}#${Math.floor(at.getTime() / windowMs)}`, key, at, event, published: false }));
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  async markPublished(eventIds: readonly string[]): Promise<void> {
    if (eventIds.length > 0) await this.claims.updateMany({ 'event.envelope.id': { $in: [...eventIds] } }, { $set: { published: true } });
  }

  /** Announcements claimed but not yet published (after a crash). */
  async pending(olderThan: Date, limit: number): Promise<OutgoingEvent[]> {
    const docs = await this.claims
      .find({ published: false, at: { $lt: olderThan } })
      .sort({ at: 1 })
      .limit(limit)
      .toArray();
    return docs.map((d) => d.event);
  }
}
