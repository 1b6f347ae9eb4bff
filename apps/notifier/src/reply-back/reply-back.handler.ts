import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { AgencyAnsweredV1, EventEnvelope, TOPICS } from '@otklik/contracts';
import { EventPublisher } from '@otklik/messaging';
import { deliveryMetrics } from '../dispatch/delivery.metrics';
import { NotifyService } from '../dispatch/notify.service';
import { IncidentBoard } from '../projection/incident-board.store';
import { ReplyBackService } from './reply-back.service';

/** A final answer → quality check → reply-back under the incident's posts; flagged answers reach operators. */
@Controller()
export class ReplyBackHandler {
  constructor(
    private readonly replies: ReplyBackService,
    private readonly board: IncidentBoard,
    private readonly notify: NotifyService,
    private readonly publisher: EventPublisher,
  ) {}

  @EventPattern(TOPICS.agencyAnswered)
  async onAnswered(@Payload() event: EventEnvelope<AgencyAnsweredV1>): Promise<void> {
    const p = event.payload;
    if (p.kind !== 'final') return;
    await this.board.settled(p.incidentId);
    await this.board.answered(p.incidentId, { eventId: event.id, correlationId: event.correlationId, answerId: p.answerId, agencyId: p.agencyId, text: p.text });
    const incident = await this.board.get(p.incidentId);
    if (!incident) throw new Error(`answer ${p.answerId}: incident ${p.incidentId} is unknown to the notifier yet`);
    const posts = await this.board.postsOf(incident);
    const { assessment } = await this.replies.publish({
      eventId: event.id,
      correlationId: event.correlationId,
      answerId: p.answerId,
      incidentId: p.incidentId,
      incidentNumber: incident.number,
      agencyId: p.agencyId,
      text: p.text,
      posts,
    });
    if (!assessment.flagged) return;
    deliveryMetrics.flagged.inc({ held: String(assessment.held) });
    await this.publisher.publish(
      TOPICS.answerFlagged,
      { incidentId: p.incidentId, answerId: p.answerId, agencyId: p.agencyId, scorePercent: Math.round(assessment.score * 100), reasons: assessment.reasons, held: assessment.held },
      { key: p.incidentId, correlationId: event.correlationId, causationId: event.id },
    );
    const view = {
      incidentId: incident.incidentId,
      number: incident.number,
      topicCode: incident.topicCode,
      urgency: incident.urgency,
      address: incident.address,
      link: this.board.link(incident.number),
    };
    await this.notify.notifyOperators(
      { eventId: event.id, correlationId: event.correlationId, incidentId: p.incidentId, urgency: incident.urgency },
      { kind: 'answer.flagged', incident: view, agencyId: p.agencyId, reasons: assessment.reasons, held: assessment.held },
    );
  }
}
