import type { EscalationRecipient, EscalationRole } from '@otklik/contracts';

/** What sort of body an agency is; rules and learned routing can address an agency by kind. */
export const AGENCY_KINDS = [
  'management_centre', // ЦУР: triage and control
  'regional_executive', // committee / ministry of the region
  'regional_institution', // state institution of the region (ГКУ, ГБУ)
  'inspection', // state inspection (housing, technical)
  'district_administration', // administration of a district of a federal city
  'municipal_administration', // administration of a city, municipal district or okrug
  'municipal_institution', // municipal institution (МКУ) or committee of a city administration
  'housing_agency', // district housing agency (ЖА)
  'management_company', // housing management company (УК, «Жилкомсервис»)
  'utility', // water, heat, power, gas, lighting
  'transport_operator',
  'school',
  'hospital',
  'other',
] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

/** Channels an agency can be reached on. */
export const CONTACT_CHANNELS = ['desk', 'email', 'phone', 'telegram', 'webhook', 'vk', 'ok'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

export interface Contact {
  channel: ContactChannel;
  /** Address on that channel: e-mail, chat id, URL; `desk` needs none. */
  address?: string;
  /** What it is for, e.g. «аварийная служба». */
  note?: string;
}

/** `HH:MM`–`HH:MM`, local time. */
export interface TimeRange {
  from: string;
  to: string;
}

/** Hours of a set of ISO weekdays (1 = Monday … 7 = Sunday). */
export interface WeekdayHours extends TimeRange {
  weekdays: number[];
  breaks?: TimeRange[];
}

/** Working hours in the agency's zone; weekdays not listed are days off. */
export interface WorkingHours {
  /** IANA zone; the agency territory's zone when absent. */
  timeZone?: string;
  days: WeekdayHours[];
  /** Regional days off on top of the federal calendar, `YYYY-MM-DD`. */
  extraDaysOff?: string[];
}

/** Someone told of one escalation step: an official's e-mail or Telegram chat, or a webhook endpoint. */
export type EscalationContact = Omit<EscalationRecipient, 'role'>;

/**
 * Recipients per escalation step (agency head → supervisor → deputy governor). A step the agency
 * leaves out is taken from its parents, nearest first, then from the region's management centre;
 * the agency head's step only from the agency itself.
 */
export type EscalationContacts = Partial<Record<EscalationRole, EscalationContact[]>>;

/** One agency (a body that answers citizens' problems). */
export interface Agency {
  /** Stable id, e.g. `spb-zha-nevsky`. */
  id: string;
  /** Official name; also the name the answers carry. */
  name: string;
  shortName?: string;
  /** Other spellings of the name met in answers and data. */
  aliases?: string[];
  kind: AgencyKind;
  /** Territory it serves. */
  territoryCode: string;
  /** Topic codes or categories it handles (`housing`, `roads.surface`, `*`). */
  topicCodes: string[];
  parentId?: string;
  workingHours: WorkingHours;
  contacts: Contact[];
  /** Who hears of each escalation step of its incidents. */
  escalation?: EscalationContacts;
  active: boolean;
}
