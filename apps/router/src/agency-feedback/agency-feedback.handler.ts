import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Logger } from 'pino';
import { AgencyAnsweredV1, causedBy, DeskActor, EventEnvelope, IncidentAcknowledgedV1, ReturnRequestedV1, TOPICS } from '@otklik/contracts';
import { InjectLogger } from '@otklik/platform';
import { OutboxPublisher } from '../outbox/outbox-publisher';
import { routerMetrics } from '../shared/router.metrics';
import { AgencyFeedbackService, FeedbackResult } from './agency-feedback.service';

/** `<role>:<user id>` for the history. */
export function actorOf(actor: DeskActor): string {
  return `${actor.role}:${actor.userId}`;
}

/** The desk's agency events → incident state changes, returns and reroutes. */
@Controller()
export class AgencyFeedbackHandler {
  constructor(
    private readonly feedback: AgencyFeedbackService,
    private readonly outbox: OutboxPublisher,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  @EventPattern(TOPICS.incidentAcknowledged)
  async onAcknowledged(@Payload() event: EventEnvelope<IncidentAcknowledgedV1>): Promise<void> {
    const p = event.payload;
    await this.finish(
      'acknowledge',
      event,
      await this.feedback.acknowledge({ incidentId: p.incidentId, agencyId: p.agencyId, actor: actorOf(p.actor), at: new Date(p.acknowledgedAt) }, causedBy(event)),
    );
  }

  @EventPattern(TOPICS.agencyAnswered)
  async onAnswered(@Payload() event: EventEnvelope<AgencyAnsweredV1>): Promise<void> {
    const p = event.payload;
    const act = { incidentId: p.incidentId, agencyId: p.agencyId, actor: actorOf(p.actor), at: new Date(p.answeredAt), kind: p.kind };
    await this.finish(`answer_${p.kind}`, event, await this.feedback.answer(act, causedBy(event)));
  }

  @EventPattern(TOPICS.returnRequested)
  async onReturnRequested(@Payload() event: EventEnvelope<ReturnRequestedV1>): Promise<void> {
    const p = event.payload;
    const act = {
      incidentId: p.incidentId,
      agencyId: p.agencyId,
      actor: actorOf(p.actor),
      at: new Date(p.requestedAt),
      reason: p.reason,
      ...(p.suggestedAgencyId && { suggestedAgencyId: p.suggestedAgencyId }),
    };
    const result = await this.feedback.returnIncident(act, causedBy(event));
    if (result.applied) routerMetrics.misroutes.inc({ kind: 'return' });
    await this.finish('return', event, result);
  }

  private async finish(act: string, event: EventEnvelope, result: FeedbackResult): Promise<void> {
    routerMetrics.feedback.inc({ act, applied: String(result.applied) });
    if (!result.applied) {
      // Not an error: a late or repeated act, or one from an agency that no longer holds it.
      this.logger.info({ eventId: event.id, act, reason: result.reason }, 'agency act ignored');
      return;
    }
    await this.outbox.publish(result.events);
    this.logger.info({ eventId: event.id, act, incidentId: result.incident.id, state: result.incident.state }, 'agency act applied');
  }
}
