import type { Channel, EscalationRecipient, Urgency } from '@otklik/contracts';
import { DeliveryRecord } from '../delivery-log/delivery-log.store';
import { AgencyPreferences, Contact, selectTargets, Target } from '../preferences/preferences';
import { AgencyNoticeKind, Notice } from '../templates/notice.types';
import { render, textForChannel } from '../templates/templates';
import { DeliveryService } from './delivery.service';

/** Where agencies' preferences are kept. */
export interface PreferencesSource {
  get(agencyId: string): Promise<AgencyPreferences | undefined>;
}

/** The management centre's operators: who hears about flagged answers and broken webhooks. */
export interface OperatorDesk {
  contacts: Contact[];
  locale: string;
  timeZone: string;
}

/** What caused a notice. */
export interface NoticeSource {
  eventId: string;
  correlationId?: string;
  incidentId?: string;
  urgency: Urgency;
}

/** Turns notices into deliveries for the people (and systems) who should receive them. */
export class NotifyService {
  constructor(
    private readonly deliveries: DeliveryService,
    private readonly preferences: PreferencesSource,
    private readonly operators: OperatorDesk,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Tells an agency, per its preferences. An agency without preferences gets nothing (and it is reported). */
  async notifyAgency(source: NoticeSource, agencyId: string, notice: Extract<Notice, { kind: AgencyNoticeKind }>): Promise<DeliveryRecord[]> {
    const prefs = await this.preferences.get(agencyId);
    if (!prefs) return [];
    const targets = selectTargets(prefs, notice.kind, source.urgency, this.clock());
    return this.enqueueAll(source, notice, targets, prefs.locale, prefs.timeZone);
  }

  /** Tells the operators at once (no quiet hours: the centre works in shifts). */
  async notifyOperators(source: NoticeSource, notice: Notice): Promise<DeliveryRecord[]> {
    const now = this.clock();
    const targets = this.operators.contacts.map((contact) => ({ recipient: `operators/${contact.id}`, contact, notBefore: now }));
    return this.enqueueAll(source, notice, targets, this.operators.locale, this.operators.timeZone);
  }

  /**
   * Tells the people the directory names for an escalation step, at once (an escalation is
   * already late) and in the management centre's language and zone. The recipient key carries
   * the step and the address, so a person named at two steps hears of each once.
   */
  async notifyEscalation(source: NoticeSource, recipients: readonly EscalationRecipient[], notice: Notice): Promise<DeliveryRecord[]> {
    const now = this.clock();
    const targets = recipients.map((r): Target => ({
      recipient: `escalation:${r.role}/${r.channel}:${r.address}`,
      contact: { id: `${r.role}/${r.channel}:${r.address}`, channel: r.channel, address: r.address, role: 'head' },
      notBefore: now,
    }));
    return this.enqueueAll(source, notice, targets, this.operators.locale, this.operators.timeZone);
  }

  private async enqueueAll(source: NoticeSource, notice: Notice, targets: Target[], locale: string, timeZone: string): Promise<DeliveryRecord[]> {
    const rendered = render(notice, locale, timeZone);
    const out: DeliveryRecord[] = [];
    for (const t of targets) {
      const channel: Channel = t.contact.channel;
      const { subject, text } = textForChannel(rendered, channel);
      out.push(
        await this.deliveries.enqueue({
          eventId: source.eventId,
          correlationId: source.correlationId,
          recipient: t.recipient,
          channel,
          address: t.contact.address,
          kind: notice.kind,
          incidentId: source.incidentId,
          notBefore: t.notBefore,
          message: { subject, text, data: channel === 'webhook' ? webhookData(source, notice) : undefined },
        }),
      );
    }
    return out;
  }
}

/** The machine-readable part of a webhook: the notice itself, dates as ISO strings. */
function webhookData(source: NoticeSource, notice: Notice): Record<string, unknown> {
  return JSON.parse(JSON.stringify({ eventId: source.eventId, incidentId: source.incidentId, urgency: source.urgency, ...notice })) as Record<string, unknown>;
}
