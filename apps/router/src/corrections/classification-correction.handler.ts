import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Logger } from 'pino';
import { causedBy, ClassificationCorrectedV2, EventEnvelope, TOPICS } from '@otklik/contracts';
import { InjectLogger } from '@otklik/platform';
import { OutboxPublisher } from '../outbox/outbox-publisher';
import { routerMetrics } from '../shared/router.metrics';
import { ClassificationCorrectionService } from './classification-correction.service';

/** Operators' corrections from desk: the incident takes them, rerouted when its agency changes. */
@Controller()
export class ClassificationCorrectionHandler {
  constructor(
    private readonly corrections: ClassificationCorrectionService,
    private readonly outbox: OutboxPublisher,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  @EventPattern(TOPICS.classificationCorrected)
  async onCorrected(@Payload() event: EventEnvelope<ClassificationCorrectedV2>): Promise<void> {
    const p = event.payload;
    const result = await this.corrections.apply(
      {
        postId: p.postId,
        ...(p.topicCode && { topicCode: p.topicCode }),
        ...(p.kind && { kind: p.kind }),
        ...(p.urgency && { urgency: p.urgency }),
        ...(p.territoryCode && { territoryCode: p.territoryCode }),
        ...(p.dismissed !== undefined && { dismissed: p.dismissed }),
        ...(p.text && { text: p.text }),
        actor: `operator:${p.correctedBy}`,
        at: new Date(event.occurredAt),
      },
      causedBy(event),
    );
    routerMetrics.feedback.inc({ act: 'classification_corrected', applied: String(result.outcome !== 'ignored') });
    if (result.outcome === 'ignored') {
      this.logger.info({ eventId: event.id, postId: p.postId, reason: result.reason }, 'correction changes no incident');
      return;
    }
    await this.outbox.publish(result.events);
    await this.outbox.publishSurges(result.surges);
    this.logger.info({ eventId: event.id, postId: p.postId, incidentId: result.incident.id, number: result.incident.number, outcome: result.outcome }, 'correction applied');
  }
}
