import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, SlaBreachedV2, SlaMetV2, TOPICS } from '@otklik/contracts';
import { KpiService } from './kpi.service';

/** Keeps the KPI facts from the clock's own events (the router's moves are recorded by IncidentEventsHandler). */
@Controller()
export class KpiHandler {
  constructor(private readonly kpi: KpiService) {}

  @EventPattern(TOPICS.slaMet)
  async onMet(@Payload() event: EventEnvelope<SlaMetV2>): Promise<void> {
    const p = event.payload;
    await this.kpi.record({
      _id: event.id,
      kind: 'met',
      incidentId: p.incidentId,
      agencyId: p.agencyId,
      topicCode: p.topicCode,
      at: new Date(p.answeredAt),
      phase: p.phase,
      onTime: p.onTime,
      workingMinutes: p.workingMinutesTaken,
    });
  }

  @EventPattern(TOPICS.slaBreached)
  async onBreached(@Payload() event: EventEnvelope<SlaBreachedV2>): Promise<void> {
    const p = event.payload;
    await this.kpi.record({ _id: event.id, kind: 'breached', incidentId: p.incidentId, agencyId: p.agencyId, topicCode: p.topicCode, at: new Date(p.dueAt), phase: p.phase });
  }
}
