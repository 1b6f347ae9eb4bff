import { EventCause, PostThreadRef, ReplyPublishedV1 } from '@otklik/contracts';
import { Incident, TERMINAL_STATES } from '../incidents/incident.model';
import { postAttachedEvent } from '../incidents/post-movement-events';
import { IncidentStore, nextVersion, withOptimisticRetry } from '../incidents/incident-store';
import { ClassifiedPost, IntakeResult } from '../incidents/classified-post';
import { keysOf, replyEntry, threadKey, ThreadIndex } from './thread-index';

/**
 * Threads of incidents: where each incident's posts and published answers are on their platforms,
 * so that a citizen's reply there (a comment, a discussion reply, a follow-up) is found to be about
 * the incident — to join it rather than start another, and to give the verdict on its answer.
 */
export class ReplyThreadsService {
  constructor(
    private readonly store: IncidentStore,
    private readonly threads: ThreadIndex,
  ) {}

  /** Remembers where a post taken into the incident sits on its platform. */
  async rememberPost(incidentId: string, postId: string, origin: PostThreadRef, at: Date): Promise<void> {
    await this.threads.remember({
      key: threadKey(origin.platform, origin.externalId),
      incidentId,
      kind: 'post',
      postId,
      authorPseudonym: origin.authorPseudonym,
      ...(origin.threadId !== undefined && { threadId: origin.threadId }),
      at,
    });
  }

  /** Remembers an answer published under one of the incident's posts; false when the post is not known here. */
  async rememberReply(reply: ReplyPublishedV1): Promise<boolean> {
    const post = await this.threads.postEntry(reply.postId);
    const entry = post && replyEntry(post, reply.platform, reply.externalReplyId, new Date(reply.publishedAt));
    if (!entry) return false;
    await this.threads.remember(entry);
    return true;
  }

  /** The incident a reply is about (the one it was merged into, if it was), or undefined. */
  async incidentOf(origin: PostThreadRef): Promise<Incident | undefined> {
    const keys = keysOf(origin);
    const entry = keys.length > 0 ? await this.threads.find(keys) : undefined;
    const incident = entry && (await this.store.get(entry.incidentId));
    if (incident?.state === 'merged' && incident.mergedInto) return this.store.get(incident.mergedInto);
    return incident;
  }

  /** Authors of the incident's posts: the citizens whose verdict counts. */
  authorsOf(incidentId: string): Promise<string[]> {
    return this.threads.authorsOf(incidentId);
  }

  /**
   * A classified reply in an open incident's thread joins that incident: «до сих пор не убрали»
   * under the complaint is the same problem, not a new one. Undefined when it is in no open
   * incident's thread (intake then groups it as any post).
   */
  linkIntoThread(post: ClassifiedPost, origin: PostThreadRef, cause: EventCause): Promise<IntakeResult | undefined> {
    return withOptimisticRetry(async () => {
      const incident = await this.incidentOf(origin);
      if (!incident || TERMINAL_STATES.includes(incident.state)) return undefined;
      if (incident.postIds.includes(post.postId)) return { incident, outcome: 'known', events: [], surges: [] };
      const reason = 'ответ в ветке обращения';
      const linked: Incident = nextVersion({
        ...incident,
        postIds: [...incident.postIds, post.postId],
        lastPostAt: post.at > incident.lastPostAt ? post.at : incident.lastPostAt,
        history: [...incident.history, { at: post.at, type: 'post_linked', actor: 'router', postIds: [post.postId], reason }],
      });
      const events = [postAttachedEvent(linked, { postId: post.postId, reason, at: post.at }, cause)];
      await this.store.save(linked, events);
      return { incident: linked, outcome: 'linked', events, surges: [] };
    });
  }
}
