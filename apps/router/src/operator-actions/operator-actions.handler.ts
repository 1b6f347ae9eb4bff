import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Logger } from 'pino';
import { causedBy, EventEnvelope, OperatorActionRequestedV1, TOPICS } from '@otklik/contracts';
import { InjectLogger } from '@otklik/platform';
import { actorOf } from '../agency-feedback/agency-feedback.handler';
import { OutboxPublisher } from '../outbox/outbox-publisher';
import { routerMetrics } from '../shared/router.metrics';
import { OperatorActionsService } from './operator-actions.service';

/** The desk's operator requests: reassign, merge, split, dismiss, clarification asked or received. */
@Controller()
export class OperatorActionsHandler {
  constructor(
    private readonly operators: OperatorActionsService,
    private readonly outbox: OutboxPublisher,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  @EventPattern(TOPICS.operatorActionRequested)
  async onRequested(@Payload() event: EventEnvelope<OperatorActionRequestedV1>): Promise<void> {
    const p = event.payload;
    const result = await this.operators.apply(
      {
        incidentId: p.incidentId,
        action: p.action,
        reason: p.reason,
        actor: actorOf(p.actor),
        at: new Date(p.requestedAt),
        ...(p.actor.role === 'agency' && { actorAgencyId: p.actor.agencyId ?? '' }),
        ...(p.agencyId && { agencyId: p.agencyId }),
        ...(p.targetIncidentId && { targetIncidentId: p.targetIncidentId }),
        ...(p.postIds && { postIds: p.postIds }),
      },
      causedBy(event),
    );
    routerMetrics.feedback.inc({ act: p.action, applied: String(result.applied) });
    if (!result.applied) {
      this.logger.warn({ eventId: event.id, action: p.action, incidentId: p.incidentId, reason: result.reason }, 'operator request refused');
      return;
    }
    await this.outbox.publish(result.events);
    this.logger.info({ eventId: event.id, action: p.action, incidents: result.incidents.map((i) => `${i.number}:${i.state}`) }, 'operator request applied');
  }
}
