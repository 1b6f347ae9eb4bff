import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, IncidentReroutedV2, IncidentRoutedV2, SlaBreachedV2, SlaEscalatedV2, SlaMetV2, SlaWarningV2, TOPICS } from '@otklik/contracts';
import { BoardIncident, IncidentBoard } from '../projection/incident-board.store';
import { SurgeNoticeService } from '../surge/surge-notice.service';
import { IncidentView } from '../templates/notice.types';
import { NotifyService } from '../dispatch/notify.service';

/** Incident and SLA events → notices to the agency that holds the incident. */
@Controller()
export class NoticeHandler {
  constructor(
    private readonly notify: NotifyService,
    private readonly board: IncidentBoard,
    private readonly surges: SurgeNoticeService,
  ) {}

  @EventPattern(TOPICS.incidentRouted)
  async onRouted(@Payload() event: EventEnvelope<IncidentRoutedV2>): Promise<void> {
    const p = event.payload;
    const incident = await this.remember(p);
    await this.notify.notifyAgency(this.source(event, incident), p.agencyId, { kind: 'incident.routed', incident: this.view(incident), reason: p.decision.explanation });
    // Its surge may have come first (another topic): then the agency hears of the surge now.
    await this.surges.incidentRouted(incident);
  }

  @EventPattern(TOPICS.incidentRerouted)
  async onRerouted(@Payload() event: EventEnvelope<IncidentReroutedV2>): Promise<void> {
    const p = event.payload;
    const incident = await this.remember(p);
    await this.notify.notifyAgency(this.source(event, incident), p.agencyId, {
      kind: 'incident.rerouted',
      incident: this.view(incident),
      reason: p.decision.explanation,
      rerouteCount: p.rerouteCount,
    });
  }

  @EventPattern(TOPICS.slaWarning)
  async onWarning(@Payload() event: EventEnvelope<SlaWarningV2>): Promise<void> {
    const incident = await this.board.get(event.payload.incidentId);
    if (!incident) return;
    await this.notify.notifyAgency(this.source(event, incident), event.payload.agencyId, {
      kind: 'sla.warning',
      incident: this.view(incident),
      percent: event.payload.percent,
      dueAt: new Date(event.payload.dueAt),
    });
  }

  @EventPattern(TOPICS.slaBreached)
  async onBreached(@Payload() event: EventEnvelope<SlaBreachedV2>): Promise<void> {
    const p = event.payload;
    await this.board.breached(p.incidentId, p.agencyId, new Date(p.dueAt), new Date(p.breachedAt));
    const incident = await this.board.get(p.incidentId);
    if (!incident) return;
    await this.notify.notifyAgency(this.source(event, incident), p.agencyId, { kind: 'sla.breached', incident: this.view(incident), dueAt: new Date(p.dueAt) });
  }

  @EventPattern(TOPICS.slaEscalated)
  async onEscalated(@Payload() event: EventEnvelope<SlaEscalatedV2>): Promise<void> {
    const p = event.payload;
    const incident = await this.board.get(p.incidentId);
    if (!incident) return;
    const notice = { kind: 'sla.escalated' as const, incident: this.view(incident), dueAt: new Date(p.dueAt), level: p.level, role: p.role, repeat: p.repeat };
    const source = this.source(event, incident);
    // Every step reaches the agency's heads and the recipients the directory names for that step
    // (the supervisor, the deputy governor); steps above the first reach the operators too.
    await this.notify.notifyAgency(source, p.agencyId, notice);
    await this.notify.notifyEscalation(
      source,
      (incident.escalation ?? []).filter((r) => r.role === p.role),
      notice,
    );
    if (p.level > 1) await this.notify.notifyOperators(source, notice);
  }

  @EventPattern(TOPICS.slaMet)
  async onMet(@Payload() event: EventEnvelope<SlaMetV2>): Promise<void> {
    await this.board.settled(event.payload.incidentId);
  }

  private async remember(p: IncidentRoutedV2): Promise<BoardIncident> {
    const incident = {
      incidentId: p.incidentId,
      number: p.number,
      topicCode: p.topicCode,
      urgency: p.urgency,
      address: p.place?.address ?? p.place?.name,
      agencyId: p.agencyId,
      postIds: p.postIds,
      ...(p.agency?.escalation?.length && { escalation: p.agency.escalation }),
    };
    await this.board.routed(incident);
    return incident;
  }

  private view(i: BoardIncident): IncidentView {
    return { incidentId: i.incidentId, number: i.number, topicCode: i.topicCode, urgency: i.urgency, address: i.address, link: this.board.link(i.number) };
  }

  private source(event: EventEnvelope, incident: BoardIncident) {
    return { eventId: event.id, correlationId: event.correlationId, incidentId: incident.incidentId, urgency: incident.urgency };
  }
}
