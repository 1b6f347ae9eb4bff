import { Connection, Model, Schema } from 'mongoose';
import { withTopicCode, type EscalationRecipient, type Urgency, type WrittenBeforeTopicCode } from '@otklik/contracts';
import { PostRef, ReplyPlatform } from '../delivery/post-ref';
import { OverdueItem } from '../templates/notice.types';
import { answerablePostIds, PostMembership } from './incident-posts';

/** What the notifier keeps of an incident: enough to word notices and find its posts. */
export interface BoardIncident {
  incidentId: string;
  number: string;
  topicCode: string;
  urgency: Urgency;
  address?: string;
  agencyId: string;
  postIds: string[];
  /** Posts split out of it into another incident: never answered under here. */
  leftPostIds?: string[];
  /** Who hears of each escalation step, as the directory named them with the last routing. */
  escalation?: EscalationRecipient[];
  /** Set while the incident is past its deadline without an answer. */
  overdueSince?: Date;
  dueAt?: Date;
  /** The last final answer: posts that join the incident later are answered with it too. */
  finalAnswer?: FinalAnswer;
}

/** A final answer as the reply-back needs it again for posts that join after it. */
export interface FinalAnswer {
  /** The answered event's id: it keys each reply's delivery, so a post is answered once. */
  eventId: string;
  correlationId?: string;
  answerId: string;
  agencyId: string;
  text: string;
}

const IncidentSchema = new Schema(
  {
    _id: String,
    number: String,
    topicCode: String,
    urgency: String,
    address: String,
    agencyId: String,
    postIds: [String],
    leftPostIds: [String],
    escalation: [new Schema({ role: String, channel: String, address: String, name: String }, { _id: false })],
    overdueSince: Date,
    dueAt: Date,
    finalAnswer: new Schema({ eventId: String, correlationId: String, answerId: String, agencyId: String, text: String }, { _id: false }),
  },
  { collection: 'notifier_incidents', versionKey: false },
);
IncidentSchema.index({ agencyId: 1, overdueSince: 1 }, { name: 'incident_overdue_by_agency' });

const PostSchema = new Schema({ _id: String, platform: String, externalId: String, communityId: String, threadId: String, deleted: Boolean }, { collection: 'notifier_posts', versionKey: false });

/** As stored; incidents written before the taxonomy code was named `topicCode` say `topic`. */
type IncidentDoc = WrittenBeforeTopicCode<Omit<BoardIncident, 'incidentId'>> & { _id: string };
type PostDoc = Omit<PostRef, 'postId'> & { _id: string; deleted?: boolean };

const REPLY_PLATFORMS: readonly string[] = ['vk', 'ok', 'telegram'];

/**
 * The notifier's projection of incidents and posts, built from the events it consumes. Every write
 * is an upsert by natural key, so a redelivered event changes nothing.
 */
export class IncidentBoard {
  private readonly incidents: Model<IncidentDoc>;
  private readonly posts: Model<PostDoc>;

  constructor(
    connection: Connection,
    private readonly deskUrl: string,
  ) {
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

  /** Posts that joined the incident after its routing (grouped, merged in) or left it (split out). */
  async changePosts(change: PostMembership): Promise<void> {
    // Upserted: a post can join before the notifier has read the incident's routing.
    if (change.add.length > 0) {
      await this.incidents.updateOne({ _id: change.incidentId }, { $addToSet: { postIds: { $each: change.add } }, $pull: { leftPostIds: { $in: change.add } } }, { upsert: true });
    }
    if (change.remove.length > 0) {
      await this.incidents.updateOne({ _id: change.incidentId }, { $pull: { postIds: { $in: change.remove } }, $addToSet: { leftPostIds: { $each: change.remove } } }, { upsert: true });
    }
  }

  /** Incident routed or rerouted: the holder and the facts change, the overdue mark is cleared. */
  async routed(i: Omit<BoardIncident, 'overdueSince' | 'dueAt' | 'leftPostIds'>): Promise<void> {
    const { incidentId, postIds, ...rest } = i;
    // The new holder's escalation recipients replace the previous holder's, none included.
    const unset = { overdueSince: '', dueAt: '', topic: '', ...(rest.escalation === undefined && { escalation: '' }) };
    // Posts are only added: one that joined later may be in already (its event came on another topic first).
    await this.incidents.updateOne({ _id: incidentId }, { $set: rest, $addToSet: { postIds: { $each: postIds } }, $unset: unset }, { upsert: true });
  }

  async get(incidentId: string): Promise<BoardIncident | undefined> {
    const doc = await this.incidents.findById(incidentId).lean<IncidentDoc>();
    if (!doc) return undefined;
    const { _id, ...rest } = doc;
    return withTopicCode({ ...rest, incidentId: _id });
  }

  /** The incidents of these ids the board knows (an incident routed a moment ago may not be here yet). */
  async getMany(incidentIds: readonly string[]): Promise<BoardIncident[]> {
    if (incidentIds.length === 0) return [];
    const docs = await this.incidents.find({ _id: { $in: [...incidentIds] } }).lean<IncidentDoc[]>();
    return docs.map(({ _id, ...rest }) => withTopicCode({ ...rest, incidentId: _id }));
  }

  /** Link to the surge queue in the desk. */
  surgeQueueLink(): string {
    return `${this.deskUrl}/#/surges`;
  }

  async breached(incidentId: string, agencyId: string, dueAt: Date, at: Date): Promise<void> {
    await this.incidents.updateOne({ _id: incidentId, agencyId }, { $set: { overdueSince: at, dueAt } });
  }

  /**
   * Recorded before the answer's posts are read, as a joining post is added before the answer is
   * read: whichever comes second sees the other (an incident not known yet is not recorded).
   */
  async answered(incidentId: string, answer: FinalAnswer): Promise<void> {
    await this.incidents.updateOne({ _id: incidentId }, { $set: { finalAnswer: answer } });
  }

  /** Answered or deadline met: no longer overdue. */
  async settled(incidentId: string): Promise<void> {
    await this.incidents.updateOne({ _id: incidentId }, { $unset: { overdueSince: '', dueAt: '' } });
  }

  /** Posts of the incident that can be answered on their platform (not deleted). */
  async postsOf(incident: BoardIncident): Promise<PostRef[]> {
    const ids = answerablePostIds(incident);
    if (ids.length === 0) return [];
    const docs = await this.posts.find({ _id: { $in: ids }, deleted: { $ne: true } }).lean<PostDoc[]>();
    return docs.map(({ _id, deleted: _d, ...rest }) => ({ ...rest, postId: _id, platform: rest.platform as ReplyPlatform }));
  }

  /** The agency's incidents past their deadline without an answer (the digest's source). */
  async overdueFor(agencyId: string): Promise<OverdueItem[]> {
    const docs = await this.incidents.find({ agencyId, overdueSince: { $exists: true } }).lean<IncidentDoc[]>();
    return docs
      .map((doc) => withTopicCode<Omit<BoardIncident, 'incidentId'>>(doc))
      .map((d) => ({ number: d.number, topicCode: d.topicCode, dueAt: d.dueAt ?? d.overdueSince ?? new Date(0), link: this.link(d.number) }));
  }
}
