import { Connection, Model, Schema } from 'mongoose';
import type { EscalationRecipient, Urgency } from '@otklik/contracts';
import { OverdueSource } from '../digest/digest.service';
import { PostRef, ReplyPlatform } from '../reply-back/post-ref';
import { OverdueItem } from '../templates/notice.types';

/** What the notifier keeps of an incident: enough to word notices and find its posts. */
export interface BoardIncident {
  incidentId: string;
  number: string;
  topic: string;
  urgency: Urgency;
  address?: string;
  agencyId: string;
  postIds: string[];
  /** Who hears of each escalation step, as the directory named them with the last routing. */
  escalation?: EscalationRecipient[];
  /** Set while the incident is past its deadline without an answer. */
  overdueSince?: Date;
  dueAt?: Date;
}

const IncidentSchema = new Schema(
  {
    _id: String,
    number: String,
    topic: String,
    urgency: String,
    address: String,
    agencyId: String,
    postIds: [String],
    escalation: [new Schema({ role: String, channel: String, address: String, name: String }, { _id: false })],
    overdueSince: Date,
    dueAt: Date,
  },
  { collection: 'notifier_incidents', versionKey: false },
);
IncidentSchema.index({ agencyId: 1, overdueSince: 1 }, { name: 'incident_overdue_by_agency' });

const PostSchema = new Schema(
  { _id: String, platform: String, externalId: String, communityId: String, threadId: String, deleted: Boolean },
  { collection: 'notifier_posts', versionKey: false },
);

type IncidentDoc = Omit<BoardIncident, 'incidentId'> & { _id: string };
type PostDoc = Omit<PostRef, 'postId'> & { _id: string; deleted?: boolean };

const REPLY_PLATFORMS: readonly string[] = ['vk', 'ok', 'telegram'];

/**
 * The notifier's projection of incidents and posts, built from the events it consumes. Every write
 * is an upsert by natural key, so a redelivered event changes nothing.
 */
export class IncidentBoard implements OverdueSource {
  private readonly incidents: Model<IncidentDoc>;
  private readonly posts: Model<PostDoc>;

  constructor(connection: Connection, private readonly deskUrl: string) {
    this.incidents = (connection.models.BoardIncident as Model<IncidentDoc> | undefined) ?? connection.model<IncidentDoc>('BoardIncident', IncidentSchema);
    this.posts = (connection.models.BoardPost as Model<PostDoc> | undefined) ?? connection.model<PostDoc>('BoardPost', PostSchema);
  }

  async init(): Promise<void> {
    await this.incidents.createIndexes();
  }

  /** Link to the incident in the desk. */
  link(number: string): string {
    return `${this.deskUrl}/incidents/${encodeURIComponent(number)}`;
  }

  async rememberPost(post: PostRef): Promise<void> {
    if (!REPLY_PLATFORMS.includes(post.platform)) return;
    const { postId, ...rest } = post;
    await this.posts.updateOne({ _id: postId }, { $set: rest }, { upsert: true });
  }

  async forgetPost(postId: string): Promise<void> {
    await this.posts.updateOne({ _id: postId }, { $set: { deleted: true } });
  }

  /** Incident routed or rerouted: the holder and the facts change, the overdue mark is cleared. */
  async routed(i: Omit<BoardIncident, 'overdueSince' | 'dueAt'>): Promise<void> {
    const { incidentId, ...rest } = i;
    // The new holder's escalation recipients replace the previous holder's, none included.
    const unset = { overdueSince: '', dueAt: '', ...(rest.escalation === undefined && { escalation: '' }) };
    await this.incidents.updateOne({ _id: incidentId }, { $set: rest, $unset: unset }, { upsert: true });
  }

  async get(incidentId: string): Promise<BoardIncident | undefined> {
    const doc = await this.incidents.findById(incidentId).lean<IncidentDoc>();
    if (!doc) return undefined;
    const { _id, ...rest } = doc;
    return { ...rest, incidentId: _id };
  }

  async breached(incidentId: string, agencyId: string, dueAt: Date, at: Date): Promise<void> {
    await this.incidents.updateOne({ _id: incidentId, agencyId }, { $set: { overdueSince: at, dueAt } });
  }

  /** Answered or deadline met: no longer overdue. */
  async settled(incidentId: string): Promise<void> {
    await this.incidents.updateOne({ _id: incidentId }, { $unset: { overdueSince: '', dueAt: '' } });
  }

  /** Posts of the incident that can be answered on their platform (not deleted). */
  async postsOf(incident: BoardIncident): Promise<PostRef[]> {
    const docs = await this.posts.find({ _id: { $in: incident.postIds }, deleted: { $ne: true } }).lean<PostDoc[]>();
    return docs.map(({ _id, deleted: _d, ...rest }) => ({ ...rest, postId: _id, platform: rest.platform as ReplyPlatform }));
  }

  async overdueFor(agencyId: string): Promise<OverdueItem[]> {
    const docs = await this.incidents.find({ agencyId, overdueSince: { $exists: true } }).lean<IncidentDoc[]>();
    return docs.map((d) => ({ number: d.number, topic: d.topic, dueAt: d.dueAt ?? d.overdueSince ?? new Date(0), link: this.link(d.number) }));
  }
}
