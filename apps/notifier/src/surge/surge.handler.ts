import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, IncidentSurgeV2, SurgeEscalatedV2, TOPICS } from '@otklik/contracts';
import { SurgeNoticeService } from './surge-notice.service';

/** Surges from the router, and desk's escalation of those nobody acknowledged → notices. */
@Controller()
export class SurgeHandler {
  constructor(private readonly surges: SurgeNoticeService) {}

  @EventPattern(TOPICS.incidentSurge)
  async onSurge(@Payload() event: EventEnvelope<IncidentSurgeV2>): Promise<void> {
    const p = event.payload;
    await this.surges.detected(
      { eventId: event.id, correlationId: event.correlationId },
      {
        surgeId: event.id,
        correlationId: event.correlationId,
        territoryCode: p.territoryCode,
        territoryName: p.territoryName,
        topicCode: p.topicCode,
        incidentIds: p.incidentIds,
        windowMinutes: p.windowMinutes,
        detectedAt: new Date(p.detectedAt),
      },
    );
  }

  @EventPattern(TOPICS.surgeEscalated)
  async onEscalated(@Payload() event: EventEnvelope<SurgeEscalatedV2>): Promise<void> {
    const p = event.payload;
    await this.surges.escalated(
      { eventId: event.id, correlationId: event.correlationId },
      {
        surge: {
          surgeId: p.surgeId,
          territoryCode: p.territoryCode,
          territoryName: p.territoryName,
          topicCode: p.topicCode,
          incidentIds: p.incidentIds,
          detectedAt: new Date(p.detectedAt),
        },
        acknowledgeBy: new Date(p.acknowledgeBy),
        role: p.role,
      },
    );
  }
}
