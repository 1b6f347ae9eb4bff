import { Collection, Connection } from 'mongoose';
import { isDuplicateKey, stripUndefined } from '../shared/mongo';
import { Incident, IncidentPlace, TERMINAL_STATES } from './incident.model';

/** A post's first incident. */
type PostDoc = { _id: string; incidentId: string };
/** When an incident was last active under one topic and territory level, and where it is. */
export type ActivityEntry = { id: string; createdAt: Date; lastPostAt: Date; place?: IncidentPlace; dismissed?: boolean };
/** The incidents of one topic, territory level and hour of their last post. */
type ActivityDoc = { _id: string; incidents?: Record<string, ActivityEntry> };

/**
 * Activity is kept per hour: a document is rewritten whole on every change (FerretDB), so it
 * must stay small however many incidents a topic has in a region in a day.
 */
const BUCKET_MS = 3_600_000;
/** Beyond this many buckets (a week) a look-up reads the incidents themselves (a replay of old posts). */
const MAX_BUCKETS = 168;
/** Marks a database whose incidents from before the index have been indexed. */
const BACKFILLED = '#backfilled';

/** Incident ids may hold characters a field name cannot ('.', a leading '$'). */
function fieldOf(id: string): string {
  return id.replace(/[.$%]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
}

function bucketOf(at: Date): number {
  return Math.floor(at.getTime() / BUCKET_MS);
}

function activityId(topic: string, territoryCode: string, bucket: number): string {
  return `${topic}|${territoryCode}|${bucket}`;
}

/**
 * The router's per-post look-ups, answerable by `_id`: the incident a post went into, and the
 * incidents of a topic and territory active since a moment. Queried by another field, both
 * would read every incident on FerretDB (ADR 0001); by `_id` they use its index.
 *
 * The store records an incident here before every write of it, so the index never misses what
 * is stored: it can only hold more (a write that then failed, a post later moved, an incident
 * since closed or re-topicked). Callers therefore read the incidents it names and keep those that
 * really match.
 */
export class IncidentIndex {
  private readonly posts: Collection<PostDoc>;
  private readonly activity: Collection<ActivityDoc>;

  constructor(
    connection: Connection,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.posts = connection.collection<PostDoc>('incident_posts');
    this.activity = connection.collection<ActivityDoc>('incident_activity');
  }

  /** Indexes the incidents stored before the index existed, once per database. */
  async init(incidents: Collection<Omit<Incident, 'id'> & { _id: string }>): Promise<void> {
    if (await this.activity.findOne({ _id: BACKFILLED })) return;
    for await (const doc of incidents.find({})) await this.record({ ...doc, id: doc._id });
    try {
      await this.activity.insertOne({ _id: BACKFILLED });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }

  /** Records an incident's posts (first incident wins) and, while it is open, its activity. */
  async record(incident: Pick<Incident, 'id' | 'postIds' | 'topic' | 'territoryPath' | 'createdAt' | 'lastPostAt' | 'state' | 'place'>): Promise<void> {
    await Promise.all([this.recordPosts(incident), this.recordActivity(incident)]);
  }

  /** The incident a post first went into, if any. */
  async incidentOfPost(postId: string): Promise<string | undefined> {
    return (await this.posts.findOne({ _id: postId }))?.incidentId;
  }

  /**
   * Ids of incidents of `topic` under `territoryCode` whose last post is at or after `since`,
   * and possibly others; `undefined` when the period is too long to read from the index.
   */
  async activeSince(topic: string, territoryCode: string, since: Date): Promise<ActivityEntry[] | undefined> {
    return this.entriesSince(topic, territoryCode, since);
  }

  /**
   * Ids of incidents of `topic` under `territoryCode` created at or after `since` and not
   * dismissed, from the index alone (surge counts: reading the incidents of a whole region would
   * cost more than the rest of the intake); `undefined` when the period is too long.
   */
  async createdSince(topic: string, territoryCode: string, since: Date): Promise<string[] | undefined> {
    return (await this.entriesSince(topic, territoryCode, since))?.filter((entry) => entry.createdAt >= since && !entry.dismissed).map((entry) => entry.id);
  }

  /** The latest entry of each incident active since `since`. */
  private async entriesSince(topic: string, territoryCode: string, since: Date): Promise<ActivityEntry[] | undefined> {
    const first = bucketOf(since);
    // One hour past this one: a post's time may run a little ahead of this clock.
    const last = Math.max(bucketOf(this.now()), first) + 1;
    if (last - first > MAX_BUCKETS) return undefined;
    const ids = Array.from({ length: last - first + 1 }, (_, i) => activityId(topic, territoryCode, first + i));
    const docs = await this.activity.find({ _id: { $in: ids } }).toArray();
    const latest = new Map<string, ActivityEntry>();
    for (const doc of docs) {
      for (const entry of Object.values(doc.incidents ?? {})) {
        const seen = latest.get(entry.id);
        if (entry.lastPostAt >= since && (!seen || entry.lastPostAt >= seen.lastPostAt)) latest.set(entry.id, entry);
      }
    }
    return [...latest.values()];
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

  private async recordActivity(incident: Pick<Incident, 'id' | 'topic' | 'territoryPath' | 'createdAt' | 'lastPostAt' | 'state' | 'place'>): Promise<void> {
    // Its insert recorded when it began (surges count it); a closed or merged incident groups
    // nothing more and stays counted; a dismissed one no longer counts.
    if (TERMINAL_STATES.includes(incident.state) && incident.state !== 'dismissed') return;
    const bucket = bucketOf(incident.lastPostAt);
    const entry: ActivityEntry = stripUndefined({
      id: incident.id,
      createdAt: incident.createdAt,
      lastPostAt: incident.lastPostAt,
      place: incident.place,
      ...(incident.state === 'dismissed' && { dismissed: true }),
    });
    const field = `incidents.${fieldOf(incident.id)}`;
    await this.activity.bulkWrite(
      incident.territoryPath.map((code) => ({ updateOne: { filter: { _id: activityId(incident.topic, code, bucket) }, update: { $set: { [field]: entry } }, upsert: true } })),
      { ordered: false },
    );
  }
}
