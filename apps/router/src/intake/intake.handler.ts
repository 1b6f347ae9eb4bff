import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Logger } from 'pino';
import { causedBy, EventEnvelope, IncidentClassifiedV2, TOPICS } from '@otklik/contracts';
import { InjectLogger } from '@otklik/platform';
import { ReplyThreadsService } from '../citizen-replies/reply-threads.service';
import { OutboxPublisher } from '../outbox/outbox-publisher';
import { ClassifiedPost } from '../incidents/classified-post';
import { IncidentIntakeService } from './incident-intake.service';
import { routerMetrics } from '../shared/router.metrics';

/** A classified post → a new or grouped incident, routed; its events published. */
@Controller()
export class IntakeHandler {
  constructor(
    private readonly intake: IncidentIntakeService,
    private readonly threads: ReplyThreadsService,
    private readonly outbox: OutboxPublisher,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  @EventPattern(TOPICS.incidentClassified)
  async onClassified(@Payload() event: EventEnvelope<IncidentClassifiedV2>): Promise<void> {
    const post = toClassifiedPost(event);
    const origin = event.payload.origin;
    // A reply in an open incident's thread joins it; anything else is grouped or made an incident.
    const result = (origin && (await this.threads.linkIntoThread(post, origin, causedBy(event)))) || (await this.intake.intake(post, causedBy(event)));
    if (origin) await this.threads.rememberPost(result.incident.id, post.postId, origin, post.at);
    if (result.outcome === 'created') await this.outbox.publishInserted(result.incident, result.events);
    else await this.outbox.publish(result.events);
    await this.outbox.publishSurges(result.surges);
    routerMetrics.intake.inc({ outcome: result.outcome });
    if (result.outcome === 'created') routerMetrics.decisions.inc({ method: result.incident.decision?.method ?? 'triage' });
    routerMetrics.surges.inc(result.surges.length);
    this.logger.info({ eventId: event.id, postId: event.payload.postId, incidentId: result.incident.id, number: result.incident.number, outcome: result.outcome }, 'post taken in');
  }
}

/** What intake needs from the classifier's event. */
export function toClassifiedPost(event: EventEnvelope<IncidentClassifiedV2>): ClassifiedPost {
  const p = event.payload;
  return {
    postId: p.postId,
    ...(p.duplicateOf && { duplicateOf: p.duplicateOf }),
    topicCode: p.topicCode.label,
    topicConfidence: p.topicCode.confidence,
    urgency: p.urgencyLevel,
    ...(p.regime && { regime: p.regime }),
    ...(p.place && {
      place: {
        territoryCode: p.place.territoryCode,
        ...(p.place.name && { name: p.place.name }),
        ...(p.place.address && { address: p.place.address }),
        ...(p.place.geo && { geo: { lat: p.place.geo.lat, lon: p.place.geo.lon } }),
      },
    }),
    text: p.text,
    at: new Date(event.occurredAt),
  };
}
