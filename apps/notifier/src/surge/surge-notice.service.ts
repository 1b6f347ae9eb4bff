import type { EscalationRecipient, EscalationRole, Urgency } from '@otklik/contracts';
import { NoticeSource, NotifyService } from '../dispatch/notify.service';
import { BoardIncident, IncidentBoard } from '../projection/incident-board.store';
import { SurgeView } from '../templates/notice.types';
import { KnownSurge, SurgeStore } from './surge.store';

/** What caused a surge notice: the surge event, or desk's escalation of it. */
export interface SurgeCause {
  eventId: string;
  correlationId?: string;
}

/** A surge that nobody acknowledged in time. */
export interface SurgeEscalation {
  surge: KnownSurge;
  acknowledgeBy: Date;
  role: EscalationRole;
}

/** One address once, whatever step or agency named it. */
function distinct(recipients: EscalationRecipient[]): EscalationRecipient[] {
  const seen = new Map<string, EscalationRecipient>();
  for (const r of recipients) seen.set(`${r.role}/${r.channel}:${r.address}`, r);
  return [...seen.values()];
}

/** Incidents grouped by the agency that holds them. */
function byAgency(incidents: BoardIncident[]): Map<string, BoardIncident[]> {
  const groups = new Map<string, BoardIncident[]>();
  for (const incident of incidents) groups.set(incident.agencyId, [...(groups.get(incident.agencyId) ?? []), incident]);
  return groups;
}

/**
 * Tells people of surges. A surge reaches the management centre's operators and every agency
 * holding one of its incidents: the agency's own contacts that asked for surges, and its head as
 * the router's directory names them (the escalation chain's first step). A surge nobody
 * acknowledged in time reaches the chain's supervisors for those agencies, and the operators.
 */
export class SurgeNoticeService {
  constructor(
    private readonly notify: NotifyService,
    private readonly board: IncidentBoard,
    private readonly surges: SurgeStore,
  ) {}

  async detected(cause: SurgeCause, surge: KnownSurge): Promise<void> {
    await this.surges.remember(surge);
    const incidents = await this.board.getMany(surge.incidentIds);
    const source = this.source(cause, incidents);
    const notice = { kind: 'incident.surge' as const, surge: this.view(surge, incidents) };
    await this.notify.notifyOperators(source, notice);
    for (const [agencyId, held] of byAgency(incidents)) await this.tellAgency(source, agencyId, held, notice);
  }

  /** An incident routed after its surge was announced: its agency hears of the surge now. */
  async incidentRouted(incident: BoardIncident): Promise<void> {
    for (const surge of await this.surges.naming(incident.incidentId)) {
      const incidents = await this.board.getMany(surge.incidentIds);
      const source = this.source({ eventId: surge.surgeId, correlationId: surge.correlationId }, incidents);
      const held = incidents.filter((i) => i.agencyId === incident.agencyId);
      await this.tellAgency(source, incident.agencyId, held, { kind: 'incident.surge', surge: this.view(surge, incidents) });
    }
  }

  async escalated(cause: SurgeCause, escalation: SurgeEscalation): Promise<void> {
    const incidents = await this.board.getMany(escalation.surge.incidentIds);
    const source = this.source(cause, incidents);
    const notice = { kind: 'surge.escalated' as const, surge: this.view(escalation.surge, incidents), acknowledgeBy: escalation.acknowledgeBy, role: escalation.role };
    const recipients = distinct(incidents.flatMap((i) => i.escalation ?? []).filter((r) => r.role === escalation.role));
    await this.notify.notifyEscalation(source, recipients, notice);
    await this.notify.notifyOperators(source, notice);
  }

  private async tellAgency(source: NoticeSource, agencyId: string, held: BoardIncident[], notice: { kind: 'incident.surge'; surge: SurgeView }): Promise<void> {
    await this.notify.notifyAgency(source, agencyId, notice);
    const heads = distinct(held.flatMap((i) => i.escalation ?? []).filter((r) => r.role === 'agency_head'));
    await this.notify.notifyEscalation(source, heads, notice);
  }

  /** A surge with an emergency among its incidents is an emergency (no quiet hours); any other is urgent. */
  private source(cause: SurgeCause, incidents: BoardIncident[]): NoticeSource {
    const urgency: Urgency = incidents.some((i) => i.urgency === 'emergency') ? 'emergency' : 'high';
    return { eventId: cause.eventId, correlationId: cause.correlationId, urgency };
  }

  private view(surge: KnownSurge, incidents: BoardIncident[]): SurgeView {
    return {
      territory: surge.territoryName ?? surge.territoryCode,
      topicCode: surge.topicCode,
      count: surge.incidentIds.length,
      windowMinutes: surge.windowMinutes,
      detectedAt: surge.detectedAt,
      numbers: incidents.map((i) => i.number).sort(),
      link: this.board.surgeQueueLink(),
    };
  }
}
