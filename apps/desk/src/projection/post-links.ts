import { Collection, Model } from 'mongoose';
import { IncidentRecord } from './incident.view';

type LinkDoc = { _id: string; incidentIds?: string[] };

/** Marks a database whose incidents from before the links have been linked. */
const BACKFILLED = '#backfilled';

/**
 * Which incidents hold a post, keyed by the post's id: a post's event refreshes those incidents,
 * and asking the incidents (`postIds`) would read all of them on FerretDB (ADR 0001). Links are
 * written before the incident that holds the post is stored, so a post stored after that read
 * of the incident's posts always finds the link; a link may outlive the post's place in the
 * incident, which only costs a refresh that changes nothing.
 */
export class PostLinks {
  private readonly links: Collection<LinkDoc>;

  constructor(incidents: Model<IncidentRecord>) {
    this.links = incidents.db.collection<LinkDoc>('desk_post_incidents');
  }

  /** True once the incidents stored before the links existed have been linked. */
  async backfilled(): Promise<boolean> {
    return (await this.links.findOne({ _id: BACKFILLED })) !== null;
  }

  /** Links the incidents stored before the links existed, once per database. */
  async init(incidents: Model<IncidentRecord>): Promise<void> {
    if (await this.backfilled()) return;
    for await (const incident of incidents.find({}, { incidentId: 1, postIds: 1 }).lean<Pick<IncidentRecord, 'incidentId' | 'postIds'>[]>().cursor()) {
      await this.link(incident.incidentId, incident.postIds ?? []);
    }
    await this.links.updateOne({ _id: BACKFILLED }, { $set: { incidentIds: [] } }, { upsert: true });
  }

  async link(incidentId: string, postIds: readonly string[]): Promise<void> {
    if (postIds.length === 0) return;
    await this.links.bulkWrite(
      postIds.map((postId) => ({ updateOne: { filter: { _id: postId }, update: { $addToSet: { incidentIds: incidentId } }, upsert: true } })),
      { ordered: false },
    );
  }

  async incidentsOf(postId: string): Promise<string[]> {
    return (await this.links.findOne({ _id: postId }))?.incidentIds ?? [];
  }
}
