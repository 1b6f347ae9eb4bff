import type { Urgency } from '@otklik/contracts';

/** What a notification says about an incident. */
export interface IncidentView {
  incidentId: string;
  number: string;
  /** Taxonomy topic code (`housing.heating`); templates print its name. */
  topicCode: string;
  urgency: Urgency;
  address?: string;
  /** Link to the incident in the desk. */
  link: string;
}

/** One overdue incident in an agency head's digest. */
export interface OverdueItem {
  number: string;
  /** Taxonomy topic code; templates print its name. */
  topicCode: string;
  dueAt: Date;
  link: string;
}

/** What a notification says about a surge: many similar incidents on one territory. */
export interface SurgeView {
  /** Name of the territory, else its code. */
  territory: string;
  /** Taxonomy topic code; templates print its name. */
  topicCode: string;
  /** Incidents the surge counted. */
  count: number;
  windowMinutes?: number;
  detectedAt: Date;
  /** Numbers of its incidents the notifier knows. */
  numbers: string[];
  /** Link to the surge queue in the desk. */
  link: string;
}

/** Everything the notifier can say, by kind; each kind has a template per locale. */
export type Notice =
  | { kind: 'incident.routed'; incident: IncidentView; reason: string }
  | { kind: 'incident.rerouted'; incident: IncidentView; reason: string; rerouteCount: number }
  | { kind: 'sla.warning'; incident: IncidentView; percent: number; dueAt: Date }
  | { kind: 'sla.breached'; incident: IncidentView; dueAt: Date }
  | { kind: 'sla.escalated'; incident: IncidentView; dueAt: Date; level: number; role: string; /** 1 for the step itself, 2… for its reminders. */ repeat: number }
  | { kind: 'incident.surge'; surge: SurgeView }
  | { kind: 'surge.escalated'; surge: SurgeView; acknowledgeBy: Date; role: string }
  | { kind: 'answer.flagged'; incident: IncidentView; agencyId: string; reasons: string[]; held: boolean }
  | { kind: 'webhook.disabled'; endpointId: string; agencyId: string; url: string; lastError: string }
  | { kind: 'digest.overdue'; date: string; items: OverdueItem[] }
  | { kind: 'reply'; answerText: string; incidentNumber: string; link: string };

export type NoticeKind = Notice['kind'];

/** Notices an agency may subscribe to (the rest go to operators or citizens). */
export const AGENCY_NOTICE_KINDS = ['incident.routed', 'incident.rerouted', 'sla.warning', 'sla.breached', 'sla.escalated', 'incident.surge', 'digest.overdue'] as const;
export type AgencyNoticeKind = (typeof AGENCY_NOTICE_KINDS)[number];

/** Languages templates exist in; Russian is the default, English the fallback. */
export const LOCALES = ['ru', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** A rendered notice. */
export interface Rendered {
  subject: string;
  text: string;
  /** Shorter form for chat channels (Telegram); falls back to subject + text. */
  chat?: string;
}

/** Formatting in the recipient's language and time zone. */
export interface Formatters {
  dateTime(d: Date): string;
  /** The name of a topic code in the template's language; the code itself when the taxonomy lacks it. */
  topicName(code: string): string;
}

/** The template of one notice kind. */
export type TemplateFor<K extends NoticeKind> = (notice: Extract<Notice, { kind: K }>, f: Formatters) => Rendered;

/** Templates of one language; a language other than the fallback may leave kinds out. */
export type TemplateSet = { [K in NoticeKind]?: TemplateFor<K> };
/** A complete set (Russian, and English, the fallback). */
export type CompleteTemplateSet = { [K in NoticeKind]: TemplateFor<K> };
