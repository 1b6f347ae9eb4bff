import { Collection, Connection } from 'mongoose';
import { withTopicCode } from '@otklik/contracts';
import { PendingMarks } from '@otklik/messaging';
import { renameFieldOnce } from '@otklik/platform';
import { DUPLICATE_KEY, isDuplicateKey, stripUndefined } from '../shared/mongo';
import { IncidentIndex } from './incident-index.mongo';
import { Incident, IncidentPlace, OutgoingEvent, TERMINAL_STATES } from './incident.model';
import { nearbyKeys, samePlace } from './incident-place';
import { ConcurrentUpdateError, IncidentStore, OpenIncidentQuery } from './incident-store';

type IncidentDoc = Omit<Incident, 'id'> & { _id: string; outbox?: Record<string, OutgoingEvent>; outboxAt?: Date };
type WriteClaim = { _id: string; incidentId: string; version: number; at: Date };
/** Dotted `$set`/`$unset` paths (`outbox.<event id>`) are outside the driver's document typing. */
type Update = Parameters<Collection<IncidentDoc>['updateOne']>[1];

/** Fields an incident can lose (set to undefined) between versions. */
const OPTIONAL_FIELDS = ['place', 'agencyId', 'decision', 'routedAt', 'answeredAt', 'mergedInto', 'clarification'] as const;

/** One refused document of an unordered insertMany. */
type WriteError = { index: number; code?: number };

/** A claim older than this, whose write never landed, belonged to a writer that died. */
const STALE_CLAIM_MS = 30_000;

/** Indexes on the taxonomy code under its name before `topicCode`. */
const INDEXES_BEFORE_TOPIC_CODE = ['topic_1_territoryPath_1_lastPostAt_-1', 'topic_1_territoryPath_1_createdAt_-1'];

/** An incident from its document; one an earlier release wrote after the rename (mid-upgrade) may still say `topic`. */
function toIncident(doc: IncidentDoc): Incident {
  const { _id, outbox: _outbox, outboxAt: _outboxAt, ...rest } = doc;
  return withTopicCode<Incident>({ ...rest, id: _id });
}

function toPending(d: Pick<IncidentDoc, '_id' | 'version' | 'outbox'>): { incidentId: string; version: number; events: OutgoingEvent[] } {
  return { incidentId: d._id, version: d.version, events: Object.values(d.outbox ?? {}) };
}

/**
 * Incidents in MongoDB or FerretDB without transactions. FerretDB 1.24 does not make a filtered
 * update atomic (two writers filtering on the same version both "win"; $inc loses increments),
 * so every write first claims its version by inserting `<incident id>#<version>` into a
 * collection with a unique `_id` — exactly one writer can — and only then updates the document.
 * The events a write causes go into the document's outbox in the same update. Look-ups by post
 * and by topic and territory go through an index keyed by `_id` (`IncidentIndex`), recorded
 * before each write.
 */
export class MongoIncidentStore implements IncidentStore {
  private readonly incidents: Collection<IncidentDoc>;
  private readonly claims: Collection<WriteClaim>;
  /** Incidents whose outbox may hold events: what the relay's sweep reads. */
  private readonly marks: PendingMarks;
  /** Set once the first sweep of this process has read every incident (what a crash before the marks existed left). */
  private scannedAll = false;
  readonly index: IncidentIndex;

  constructor(
    private readonly connection: Connection,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.incidents = connection.collection<IncidentDoc>('incidents');
    this.claims = connection.collection<WriteClaim>('incident_writes');
    this.index = new IncidentIndex(connection, now);
    this.marks = new PendingMarks(connection, 'incident_outbox_marks', now);
  }

  async init(): Promise<void> {
    await renameFieldOnce(this.connection, 'incidents', 'topic', 'topicCode', async () => {
      for (const name of INDEXES_BEFORE_TOPIC_CODE) if (await this.incidents.indexExists(name)) await this.incidents.dropIndex(name);
    });
    await Promise.all([
      this.incidents.createIndex({ postIds: 1 }),
      this.incidents.createIndex({ topicCode: 1, territoryPath: 1, lastPostAt: -1 }),
      this.incidents.createIndex({ topicCode: 1, territoryPath: 1, createdAt: -1 }),
      this.incidents.createIndex({ state: 1, answeredAt: 1 }),
      this.incidents.createIndex({ number: 1 }, { unique: true }),
      this.incidents.createIndex({ outboxAt: 1 }),
      this.claims.createIndex({ incidentId: 1, version: 1 }),
    ]);
    await this.index.init(this.incidents);
  }

  async get(id: string): Promise<Incident | undefined> {
    const doc = await this.incidents.findOne({ _id: id });
    return doc ? toIncident(doc) : undefined;
  }

  async findByNumber(number: string): Promise<Incident | undefined> {
    const doc = await this.incidents.findOne({ number });
    return doc ? toIncident(doc) : undefined;
  }

  async findByPost(postId: string): Promise<Incident | undefined> {
    const first = await this.index.incidentOfPost(postId);
    // Every write records its posts first: a post the index does not know is in no incident.
    if (first === undefined) return undefined;
    let doc = await this.incidents.findOne({ _id: first });
    for (let hops = 0; doc?.state === 'merged' && doc.mergedInto !== undefined && hops < 5; hops++) doc = await this.incidents.findOne({ _id: doc.mergedInto });
    if (doc && doc.state !== 'merged' && doc.postIds.includes(postId)) return toIncident(doc);
    // The post moved (a split), or the write that recorded it never landed: ask the incidents.
    return this.scanByPost(postId);
  }

  private async scanByPost(postId: string): Promise<Incident | undefined> {
    const docs = await this.incidents.find({ postIds: postId }).sort({ createdAt: -1 }).limit(5).toArray();
    const live = docs.find((d) => d.state !== 'merged');
    return live ? toIncident(live) : undefined;
  }

  async findOpen(q: OpenIncidentQuery): Promise<Incident[]> {
    const near = q.near;
    const matches = (place: IncidentPlace | undefined) => !near || samePlace(place, near.place, near.withinMeters);
    const entries = near ? await this.index.activeAt(q.topicCode, nearbyKeys(near.place, near.withinMeters), q.since) : undefined;
    const filter = { topicCode: q.topicCode, territoryPath: q.territoryCode, lastPostAt: { $gte: q.since }, state: { $nin: [...TERMINAL_STATES] } };
    // Read by `_id` only where the index puts them (an incident read whole costs FerretDB a decoding
    // of all its history), then filtered as the query says: the index may name incidents that no longer match.
    const docs =
      entries === undefined
        ? await this.incidents.find(filter).sort({ lastPostAt: -1 }).limit(50).toArray()
        : (await this.byIds(entries.filter((e) => matches(e.place)).map((e) => e.id)))
            .filter((d) => d.topicCode === q.topicCode && d.territoryPath.includes(q.territoryCode) && d.lastPostAt >= q.since && !TERMINAL_STATES.includes(d.state))
            .sort((a, b) => b.lastPostAt.getTime() - a.lastPostAt.getTime())
            .slice(0, 50);
    return docs.map(toIncident).filter((incident) => matches(incident.place));
  }

  /**
   * Incidents of `topic` under `territoryCode` created at or after `since`, dismissed ones left
   * out: from the index, which may still count an incident moved to another topic or territory
   * since (a surge is a heuristic alarm; reading every incident of a region per post is not).
   */
  async createdSince(topicCode: string, territoryCode: string, since: Date, limit: number): Promise<string[]> {
    const ids = await this.index.createdSince(topicCode, territoryCode, since);
    if (ids !== undefined) return ids.slice(0, limit);
    const docs = await this.incidents
      .find({ topicCode, territoryPath: territoryCode, createdAt: { $gte: since }, state: { $ne: 'dismissed' } }, { projection: { _id: 1 } })
      .limit(limit)
      .toArray();
    return docs.map((d) => d._id);
  }

  private async byIds(ids: readonly string[]): Promise<IncidentDoc[]> {
    const docs: IncidentDoc[] = [];
    // The database reads an `$in` of `_id`s from the index up to 1,000 at a time.
    // (An empty list asks for nothing: no query, which FerretDB would answer by reading the whole table.)
    for (let i = 0; i < ids.length; i += 1_000) docs.push(...(await this.incidents.find({ _id: { $in: ids.slice(i, i + 1_000) } }).toArray()));
    return docs;
  }

  async findAnsweredBefore(cutoff: Date, limit: number): Promise<Incident[]> {
    const docs = await this.incidents
      .find({ state: 'answered', answeredAt: { $lt: cutoff } })
      .limit(limit)
      .toArray();
    return docs.map(toIncident);
  }

  async insert(incident: Incident, outbox: readonly OutgoingEvent[]): Promise<void> {
    await this.claim(incident.id, incident.version);
    await this.index.record(incident, true);
    const { id, ...rest } = incident;
    const doc: IncidentDoc = { ...rest, _id: id, outbox: Object.fromEntries(outbox.map((e) => [e.envelope.id, e])), ...(outbox.length > 0 && { outboxAt: this.now() }) };
    if (outbox.length > 0) await this.marks.mark([{ holder: id, version: incident.version }]);
    await this.incidents.insertOne(stripUndefined(doc));
  }

  async save(incident: Incident, outbox: readonly OutgoingEvent[]): Promise<void> {
    await this.claim(incident.id, incident.version);
    await this.index.record(incident, false);
    const { id, ...rest } = incident;
    const set: Record<string, unknown> = stripUndefined({ ...rest });
    for (const event of outbox) set[`outbox.${event.envelope.id}`] = stripUndefined(event);
    if (outbox.length > 0) set.outboxAt = this.now();
    const unset = Object.fromEntries(OPTIONAL_FIELDS.filter((f) => incident[f] === undefined).map((f) => [f, '']));
    const update = { $set: set, ...(Object.keys(unset).length > 0 && { $unset: unset }) } as Update;
    if (outbox.length > 0) await this.marks.mark([{ holder: id, version: incident.version }]);
    const result = await this.incidents.updateOne({ _id: id, version: incident.version - 1 }, update);
    if (result.matchedCount === 0) throw new ConcurrentUpdateError(id);
    await this.claims.deleteOne({ _id: `${id}#${incident.version - 2}` });
  }

  async markPublished(incidentId: string, eventIds: readonly string[]): Promise<void> {
    if (eventIds.length === 0) return;
    // A write like any other: it takes the next version so that no concurrent save is lost.
    for (let attempt = 0; attempt < 5; attempt++) {
      const doc = await this.incidents.findOne({ _id: incidentId });
      if (!doc) return;
      const keys = eventIds.filter((id) => doc.outbox?.[id] !== undefined);
      if (keys.length === 0) return;
      const version = doc.version + 1;
      try {
        await this.claim(incidentId, version);
      } catch (error) {
        if (error instanceof ConcurrentUpdateError) continue;
        throw error;
      }
      const rest = Object.keys(doc.outbox ?? {}).filter((id) => !keys.includes(id));
      const unset: Record<string, ''> = Object.fromEntries(keys.map((id) => [`outbox.${id}`, '']));
      if (rest.length === 0) unset.outboxAt = '';
      const result = await this.incidents.updateOne({ _id: incidentId, version: doc.version }, { $set: { version }, $unset: unset } as Update);
      if (result.matchedCount === 1 && rest.length === 0) await this.marks.clear([{ holder: incidentId, version }]);
      return;
    }
  }

  /**
   * Clears the outboxes of incidents still at the version whose whole outbox was published (as
   * inserted, or as read by a sweep): the next version of each is claimed with one insert and
   * all are changed with one bulk write, without reading them first (`markPublished` reads each).
   * Returns the ids whose version another writer claimed first: clear those with `markPublished`.
   */
  async clearInsertedOutboxes(incidents: readonly { id: string; version: number }[]): Promise<string[]> {
    const left: string[] = [];
    const byVersion = new Map<number, string[]>();
    for (const { id, version } of incidents) byVersion.set(version, [...(byVersion.get(version) ?? []), id]);
    for (const [version, ids] of byVersion) {
      const at = this.now();
      const refused = new Set<number>();
      try {
        await this.claims.insertMany(
          ids.map((id) => ({ _id: `${id}#${version + 1}`, incidentId: id, version: version + 1, at })),
          { ordered: false },
        );
      } catch (error) {
        const found = (error as { writeErrors?: WriteError | WriteError[] }).writeErrors;
        const errors = found === undefined ? undefined : Array.isArray(found) ? found : [found];
        if (!errors || errors.some((e) => e.code !== DUPLICATE_KEY)) throw error;
        for (const e of errors) refused.add(e.index);
      }
      const claimed = ids.filter((_, index) => !refused.has(index));
      left.push(...ids.filter((_, index) => refused.has(index)));
      if (claimed.length === 0) continue;
      // One round trip of per-incident statements: an updateMany with $in would read the table once,
      // but FerretDB holds that read open while it writes each incident, and stalls when its pool is full.
      await this.incidents.bulkWrite(
        claimed.map((id) => ({ updateOne: { filter: { _id: id, version }, update: { $set: { version: version + 1, outbox: {} }, $unset: { outboxAt: '' } } } })),
        { ordered: false },
      );
      await this.marks.clear(claimed.map((id) => ({ holder: id, version: version + 1 })));
    }
    return left;
  }

  /**
   * Outboxes left with events for 5 s or more: the first time in a process, from every incident
   * (a database from before the marks, or a crash); afterwards from the marked incidents only.
   */
  async pendingOutbox(limit: number): Promise<{ incidentId: string; version: number; events: OutgoingEvent[] }[]> {
    const before = new Date(this.now().getTime() - 5_000);
    if (!this.scannedAll) {
      const docs = await this.incidents
        .find({ outboxAt: { $lt: before } })
        .sort({ outboxAt: 1 })
        .limit(limit)
        .toArray();
      if (docs.length < limit) this.scannedAll = true;
      return docs.map(toPending);
    }
    const docs = await this.marks.sweep(
      limit,
      before,
      (ids) => this.incidents.find({ _id: { $in: ids } }, { projection: { version: 1, outbox: 1, outboxAt: 1 } }).toArray(),
      (d) => ({ holder: d._id, version: d.version, pending: Object.keys(d.outbox ?? {}).length > 0 }),
    );
    return docs.map(toPending);
  }

  /** Exactly one writer gets a version; a claim left by a writer that died is cleared. */
  private async claim(incidentId: string, version: number): Promise<void> {
    const _id = `${incidentId}#${version}`;
    const at = this.now();
    try {
      await this.claims.insertOne({ _id, incidentId, version, at });
      return;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const existing = await this.claims.findOne({ _id });
    const stored = await this.incidents.findOne({ _id: incidentId }, { projection: { version: 1 } });
    const dead = existing && at.getTime() - existing.at.getTime() > STALE_CLAIM_MS && (stored?.version ?? 0) < version;
    if (!dead) throw new ConcurrentUpdateError(incidentId);
    await this.claims.deleteOne({ _id, at: existing.at });
    try {
      await this.claims.insertOne({ _id, incidentId, version, at });
    } catch (error) {
      if (isDuplicateKey(error)) throw new ConcurrentUpdateError(incidentId);
      throw error;
    }
  }
}
