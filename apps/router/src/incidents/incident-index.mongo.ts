import { Collection, Connection } from 'mongoose';
import { isDuplicateKey, stripUndefined } from '../shared/mongo';
import { Incident, IncidentPlace, TERMINAL_STATES } from './incident.model';
import { placeKeys } from './incident-place';

/** A post's first incident. */
type PostDoc = { _id: string; incidentId: string };
/** An incident at one place under one topic, as of its last post. */
export type NearbyEntry = { id: string; lastPostAt: Date; place?: IncidentPlace };
/** An incident as surges count it: created when, and whether dismissed since. */
type CreatedEntry = { id: string; createdAt: Date; dismissed?: boolean };
/** The entries of one key and time bucket, by incident id. */
type BucketDoc<E> = { _id: string; incidents?: Record<string, E> };

/**
 * Grouping reads the incidents at a place (an address or a grid cell) by day of their last post;
 * a place holds few incidents, so its documents stay small however busy the topic.
 */
const NEARBY_BUCKET_MS = 86_400_000;
/** Beyond this many days a look-up reads the incidents themselves (a replay of old posts). */
const MAX_NEARBY_BUCKETS = 8;
/**
 * Surges count the incidents created under a topic and territory by ten minutes: a document is
 * rewritten whole on every change (FerretDB), and a region's busiest topic gets hundreds an hour.
 */
const CREATED_BUCKET_MS = 600_000;
/** Beyond this many buckets (two days) a count reads the incidents themselves. */
const MAX_CREATED_BUCKETS = 288;
/** Marks a database whose incidents from before the index have been indexed. */
const BACKFILLED = '#backfilled';
/** The hour-bucketed activity documents this index replaced; dropped once backfilled. */
const REPLACED_COLLECTION = 'incident_activity';

/** Incident ids may hold characters a field name cannot ('.', a leading '$'). */
function fieldOf(id: string): string {
  return id.replace(/[.$%]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
}

/** Ids of the bucket documents of `key` from `since` until just past now, or undefined past `max` buckets. */
function bucketIds(key: string, since: Date, now: Date, bucketMs: number, max: number): string[] | undefined {
  const first = Math.floor(since.getTime() / bucketMs);
  // One bucket past this one: a post's time may run a little ahead of this clock.
  const last = Math.max(Math.floor(now.getTime() / bucketMs), first) + 1;
  if (last - first > max) return undefined;
  return Array.from({ length: last - first + 1 }, (_, i) => `${key}|${first + i}`);
}

/**
 * The router's per-post look-ups, answerable by `_id`: the incident a post went into, the
 * incidents of a topic at a place (for grouping) and those created under a topic and territory
 * (for surges). Queried by another field, each would read every incident on FerretDB (ADR 0001);
 * by `_id` they use its index.
 *
 * The store records an incident here before every write of it, so the index never misses what
 * is stored: it can only hold more (a write that then failed, a post later moved, an incident
 * since closed or re-topicked). Callers therefore read the incidents it names and keep those that
 * really match.
 */
export class IncidentIndex {
  private readonly posts: Collection<PostDoc>;
  private readonly nearby: Collection<BucketDoc<NearbyEntry>>;
  private readonly created: Collection<BucketDoc<CreatedEntry>>;

  constructor(
    private readonly connection: Connection,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.posts = connection.collection<PostDoc>('incident_posts');
    this.nearby = connection.collection<BucketDoc<NearbyEntry>>('incident_nearby');
    this.created = connection.collection<BucketDoc<CreatedEntry>>('incident_created');
  }

  /** Indexes the incidents stored before the index existed, once per database. */
  async init(incidents: Collection<Omit<Incident, 'id'> & { _id: string }>): Promise<void> {
    if (await this.nearby.findOne({ _id: BACKFILLED })) return;
    for await (const doc of incidents.find({})) await this.record({ ...doc, id: doc._id }, true);
    try {
      await this.nearby.insertOne({ _id: BACKFILLED });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    if ((await this.connection.db?.listCollections({ name: REPLACED_COLLECTION }).toArray())?.length) await this.connection.dropCollection(REPLACED_COLLECTION);
  }

  /**
   * Records an incident's posts (first incident wins) and, while it is open, where it is; a new
   * one (`created`) is counted for surges, a dismissed one no longer is.
   */
  async record(incident: Pick<Incident, 'id' | 'postIds' | 'topicCode' | 'territoryPath' | 'createdAt' | 'lastPostAt' | 'state' | 'place'>, created: boolean): Promise<void> {
    await Promise.all([this.recordPosts(incident), this.recordNearby(incident), this.recordCreated(incident, created)]);
  }

  /** The incident a post first went into, if any. */
  async incidentOfPost(postId: string): Promise<string | undefined> {
    return (await this.posts.findOne({ _id: postId }))?.incidentId;
  }

  /**
   * The latest entry of each incident of `topic` indexed under one of `placeKeys` whose last post
   * is at or after `since`, and possibly others; `undefined` when the period is too long to read
   * from the index.
   */
  async activeAt(topicCode: string, placeKeys: readonly string[], since: Date): Promise<NearbyEntry[] | undefined> {
    const ids: string[] = [];
    for (const key of placeKeys) {
      const buckets = bucketIds(`${topicCode}|${key}`, since, this.now(), NEARBY_BUCKET_MS, MAX_NEARBY_BUCKETS);
      if (!buckets) return undefined;
      ids.push(...buckets);
    }
    if (ids.length === 0) return [];
    const latest = new Map<string, NearbyEntry>();
    for (const doc of await this.nearby.find({ _id: { $in: ids } }).toArray()) {
      for (const entry of Object.values(doc.incidents ?? {})) {
        const seen = latest.get(entry.id);
        if (entry.lastPostAt >= since && (!seen || entry.lastPostAt >= seen.lastPostAt)) latest.set(entry.id, entry);
      }
    }
    return [...latest.values()];
  }

  /**
   * Ids of incidents of `topic` under `territoryCode` created at or after `since` and not
   * dismissed, from the index alone (surge counts: reading the incidents of a whole region would
   * cost more than the rest of the intake); `undefined` when the period is too long.
   */
  async createdSince(topicCode: string, territoryCode: string, since: Date): Promise<string[] | undefined> {
    const ids = bucketIds(`${topicCode}|${territoryCode}`, since, this.now(), CREATED_BUCKET_MS, MAX_CREATED_BUCKETS);
    if (!ids) return undefined;
    const found = new Map<string, CreatedEntry>();
    for (const doc of await this.created.find({ _id: { $in: ids } }).toArray()) {
      for (const entry of Object.values(doc.incidents ?? {})) found.set(entry.id, { ...entry, dismissed: entry.dismissed || found.get(entry.id)?.dismissed });
    }
    return [...found.values()].filter((entry) => entry.createdAt >= since && !entry.dismissed).map((entry) => entry.id);
  }

  private async recordPosts(incident: Pick<Incident, 'id' | 'postIds'>): Promise<void> {
    if (incident.postIds.length === 0) return;
    try {
      await this.posts.insertMany(
        incident.postIds.map((postId) => ({ _id: postId, incidentId: incident.id })),
        { ordered: false },
      );
    } catch (error) {
      // Posts already recorded keep their first incident; only duplicates may be refused.
      const found = (error as { writeErrors?: unknown }).writeErrors;
      const errors = found === undefined ? [error] : Array.isArray(found) ? found : [found];
      if (!errors.every(isDuplicateKey)) throw error;
    }
  }

  private async recordNearby(incident: Pick<Incident, 'id' | 'topicCode' | 'lastPostAt' | 'state' | 'place'>): Promise<void> {
    // A closed, merged or dismissed incident groups nothing more; a place without address or coordinates never matches.
    const keys = placeKeys(incident.place);
    if (TERMINAL_STATES.includes(incident.state) || keys.length === 0) return;
    const bucket = Math.floor(incident.lastPostAt.getTime() / NEARBY_BUCKET_MS);
    const entry: NearbyEntry = stripUndefined({ id: incident.id, lastPostAt: incident.lastPostAt, place: incident.place });
    const field = `incidents.${fieldOf(incident.id)}`;
    await this.nearby.bulkWrite(
      keys.map((key) => ({ updateOne: { filter: { _id: `${incident.topicCode}|${key}|${bucket}` }, update: { $set: { [field]: entry } }, upsert: true } })),
      { ordered: false },
    );
  }

  private async recordCreated(incident: Pick<Incident, 'id' | 'topicCode' | 'territoryPath' | 'createdAt' | 'state'>, created: boolean): Promise<void> {
    // Counted when it begins; a closed or merged incident stays counted, a dismissed one no longer counts.
    const dismissed = incident.state === 'dismissed';
    if (!created && !dismissed) return;
    const bucket = Math.floor(incident.createdAt.getTime() / CREATED_BUCKET_MS);
    const entry: CreatedEntry = { id: incident.id, createdAt: incident.createdAt, ...(dismissed && { dismissed: true }) };
    const field = `incidents.${fieldOf(incident.id)}`;
    await this.created.bulkWrite(
      incident.territoryPath.map((code) => ({ updateOne: { filter: { _id: `${incident.topicCode}|${code}|${bucket}` }, update: { $set: { [field]: entry } }, upsert: true } })),
      { ordered: false },
    );
  }
}
