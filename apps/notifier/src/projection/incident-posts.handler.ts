import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, IncidentMergedV1, IncidentPostAttachedV1, IncidentSplitV1, TOPICS } from '@otklik/contracts';
import { IncidentBoard } from './incident-board.store';
import { membershipOf, PostMovement } from './incident-posts';

/**
 * Posts that join an incident after its routing (grouped, merged in) and posts split out of it:
 * the agency's answer is carried back under every post the incident holds.
 */
@Controller()
export class IncidentPostsHandler {
  constructor(private readonly board: IncidentBoard) {}

  @EventPattern(TOPICS.incidentPostAttached)
  onAttached(@Payload() event: EventEnvelope<IncidentPostAttachedV1>): Promise<void> {
    return this.apply({ topic: TOPICS.incidentPostAttached, payload: event.payload });
  }

  @EventPattern(TOPICS.incidentMerged)
  onMerged(@Payload() event: EventEnvelope<IncidentMergedV1>): Promise<void> {
    return this.apply({ topic: TOPICS.incidentMerged, payload: event.payload });
  }

  @EventPattern(TOPICS.incidentSplit)
  onSplit(@Payload() event: EventEnvelope<IncidentSplitV1>): Promise<void> {
    return this.apply({ topic: TOPICS.incidentSplit, payload: event.payload });
  }

  private async apply(movement: PostMovement): Promise<void> {
    for (const change of membershipOf(movement)) await this.board.changePosts(change);
  }
}
