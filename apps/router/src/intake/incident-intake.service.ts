import { EventCause } from '@otklik/contracts';
import { ClassifiedPost, IntakeResult } from '../incidents/classified-post';
import { IncidentFactory } from '../incidents/incident-factory';
import { Incident, TERMINAL_STATES } from '../incidents/incident.model';
import { ConcurrentUpdateError, IncidentStore, nextVersion, withOptimisticRetry } from '../incidents/incident-store';
import { KeyedLock } from '../shared/keyed-lock';
import { postAttachedEvent } from '../incidents/post-movement-events';
import { RoutingEngine } from '../routing/routing-engine';
import { SurgeDetector } from '../surge/surge-detector';
import { samePlace } from '../incidents/incident-place';
import { GroupingPolicy } from '../config/policies';

/**
 * Turns classified posts into incidents: a near-duplicate or the same problem in the same place
 * within the window joins the open incident; anything else becomes a new incident, numbered and
 * routed. Redelivery of a post has one effect.
 */
export class IncidentIntakeService {
  private readonly linking = new KeyedLock();

  constructor(
    private readonly store: IncidentStore,
    private readonly factory: IncidentFactory,
    private readonly engine: () => RoutingEngine,
    private readonly grouping: GroupingPolicy,
    private readonly surge?: SurgeDetector,
  ) {}

  async intake(post: ClassifiedPost, cause: EventCause): Promise<IntakeResult> {
    return withOptimisticRetry(() => this.attempt(post, cause));
  }

  private async attempt(post: ClassifiedPost, cause: EventCause): Promise<IntakeResult> {
    const known = await this.store.findByPost(post.postId);
    if (known) return { incident: known, outcome: 'known', events: [], surges: [] };
    const engine = this.engine();
    const group = await this.groupFor(post, engine);
    // Posts joining one incident take turns: racing, all but one would lose the version check every round.
    if (group) return this.linking.run(group.id, () => this.link(group.id, post, cause));
    const { incident, events } = await this.factory.create(
      {
        postIds: [post.postId],
        topicCode: post.topicCode,
        topicConfidence: post.topicConfidence,
        urgency: post.urgency,
        regime: post.regime,
        place: post.place,
        text: post.text,
        at: post.at,
        actor: 'router',
        reason: `пост ${post.postId}`,
      },
      engine,
      cause,
    );
    await this.store.insert(incident, events);
    const surges = this.surge ? await this.surge.check(incident, cause, post.at) : [];
    return { incident, outcome: 'created', events, surges };
  }

  /** Adds the post to an open incident, read again now that this post's turn has come. */
  private async link(incidentId: string, post: ClassifiedPost, cause: EventCause): Promise<IntakeResult> {
    const group = await this.store.get(incidentId);
    // Closed or merged while the post waited: choose again.
    if (!group || TERMINAL_STATES.includes(group.state)) throw new ConcurrentUpdateError(incidentId);
    const reason = post.duplicateOf ? `почти дубликат ${post.duplicateOf}` : 'та же проблема в том же месте';
    const linked: Incident = nextVersion({
      ...group,
      postIds: [...group.postIds, post.postId],
      lastPostAt: post.at > group.lastPostAt ? post.at : group.lastPostAt,
      history: [...group.history, { at: post.at, type: 'post_linked', actor: 'router', postIds: [post.postId], reason }],
    });
    // Announced, so that the agency's answer is carried back under this post too.
    const events = [postAttachedEvent(linked, { postId: post.postId, duplicateOf: post.duplicateOf, reason, at: post.at }, cause)];
    await this.store.save(linked, events);
    return { incident: linked, outcome: 'linked', events, surges: [] };
  }

  /** The open incident this post belongs to, if any. */
  private async groupFor(post: ClassifiedPost, engine: RoutingEngine): Promise<Incident | undefined> {
    if (post.duplicateOf) {
      const original = await this.store.findByPost(post.duplicateOf);
      if (original && !TERMINAL_STATES.includes(original.state)) return original;
    }
    const territory = post.place ? engine.agencies.territories.resolve(post.place) : undefined;
    if (!territory) return undefined;
    const since = new Date(post.at.getTime() - this.grouping.windowHours * 3_600_000);
    const withinMeters = this.grouping.maxDistanceMeters;
    const open = await this.store.findOpen({ topicCode: post.topicCode, territoryCode: territory.code, since, near: { place: post.place, withinMeters } });
    return open.filter((incident) => samePlace(incident.place, post.place, withinMeters)).sort((a, b) => b.lastPostAt.getTime() - a.lastPostAt.getTime())[0];
  }
}
