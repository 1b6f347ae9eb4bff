import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, IncidentMergedV1, IncidentPostAttachedV2, IncidentSplitV2, TOPICS } from '@otklik/contracts';
import { ReplyBackService } from './reply-back.service';
import { IncidentBoard } from '../projection/incident-board.store';
import { membershipOf, PostMembership, PostMovement } from '../projection/incident-posts';

/**
 * Posts that join an incident after its routing (grouped, merged in) and posts split out of it:
 * the agency's answer is carried back under every post the incident holds, those that join after
 * the answer included.
 */
@Controller()
export class IncidentPostsHandler {
  constructor(
    private readonly board: IncidentBoard,
    private readonly replies: ReplyBackService,
  ) {}

  @EventPattern(TOPICS.incidentPostAttached)
  onAttached(@Payload() event: EventEnvelope<IncidentPostAttachedV2>): Promise<void> {
    return this.apply({ topic: TOPICS.incidentPostAttached, payload: event.payload });
  }

  @EventPattern(TOPICS.incidentMerged)
  onMerged(@Payload() event: EventEnvelope<IncidentMergedV1>): Promise<void> {
    return this.apply({ topic: TOPICS.incidentMerged, payload: event.payload });
  }

  @EventPattern(TOPICS.incidentSplit)
  onSplit(@Payload() event: EventEnvelope<IncidentSplitV2>): Promise<void> {
    return this.apply({ topic: TOPICS.incidentSplit, payload: event.payload });
  }

  private async apply(movement: PostMovement): Promise<void> {
    for (const change of membershipOf(movement)) {
      await this.board.changePosts(change);
      await this.answerLateJoiners(change);
    }
  }

  /** Posts joining an incident already answered get that answer (once: its delivery key is the answer's event and the post). */
  private async answerLateJoiners(change: PostMembership): Promise<void> {
    if (change.add.length === 0) return;
    const incident = await this.board.get(change.incidentId);
    const answer = incident?.finalAnswer;
    if (!incident || !answer) return;
    const joined = new Set(change.add);
    const posts = (await this.board.postsOf(incident)).filter((post) => joined.has(post.postId));
    if (posts.length === 0) return;
    await this.replies.publish({ ...answer, incidentId: incident.incidentId, incidentNumber: incident.number, posts });
  }
}
