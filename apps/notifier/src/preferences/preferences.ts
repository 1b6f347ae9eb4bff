import type { Urgency } from '@otklik/contracts';
import { AgencyNoticeKind } from '../templates/notice.types';

/** Channels an agency's people can be reached on (reply-back channels are the citizens'). */
export const CONTACT_CHANNELS = ['email', 'telegram', 'webhook'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/** One way to reach someone at an agency. */
export interface Contact {
  /** Stable id within the agency; part of the delivery key, so it must not change. */
  id: string;
  channel: ContactChannel;
  /** E-mail address, Telegram chat id or webhook endpoint id. */
  address: string;
  /** `staff` get the daily work; `head` also gets escalations and the overdue digest. */
  role: 'staff' | 'head';
}

/** Local time window during which non-emergency notices wait. `from` > `to` spans midnight. */
export interface QuietHours {
  from: string;
  to: string;
}

/** How an agency wants to be told. */
export interface AgencyPreferences {
  agencyId: string;
  locale: string;
  /** IANA time zone of the agency, for quiet hours and the digest hour. */
  timeZone: string;
  /** Notice kinds the agency wants; others are not sent to it. */
  events: AgencyNoticeKind[];
  /** Channels the agency allows; contacts on other channels are skipped. */
  channels: ContactChannel[];
  contacts: Contact[];
  quietHours?: QuietHours;
  /** Local hour (0–23) at which heads get the overdue digest. */
  digestHour: number;
}

/** A contact chosen for a notice, with when it may be sent. */
export interface Target {
  recipient: string;
  contact: Contact;
  /** Earliest send time: now, or the end of quiet hours. */
  notBefore: Date;
}

/** Kinds that only heads receive. */
const HEAD_ONLY: readonly AgencyNoticeKind[] = ['sla.escalated', 'digest.overdue'];
/** Quiet hours are for people; machines (webhooks) take notices at any hour. */
const HUMAN_CHANNELS: readonly ContactChannel[] = ['email', 'telegram'];

/**
 * Who at the agency gets a notice of this kind, and when. Emergencies ignore quiet hours; so do
 * webhooks. Returns no targets when the agency did not subscribe to the kind.
 */
export function selectTargets(prefs: AgencyPreferences, kind: AgencyNoticeKind, urgency: Urgency, now: Date): Target[] {
  if (!prefs.events.includes(kind)) return [];
  const quietUntil = urgency === 'emergency' || !prefs.quietHours ? undefined : quietHoursEnd(prefs.quietHours, prefs.timeZone, now);
  return prefs.contacts
    .filter((c) => prefs.channels.includes(c.channel))
    .filter((c) => !HEAD_ONLY.includes(kind) || c.role === 'head')
    .map((contact) => ({
      recipient: `agency:${prefs.agencyId}/${contact.id}`,
      contact,
      notBefore: quietUntil && HUMAN_CHANNELS.includes(contact.channel) ? quietUntil : now,
    }));
}

/** Minutes since local midnight in a time zone. */
export function localMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return get('hour') * 60 + get('minute');
}

/** Local calendar date (YYYY-MM-DD) in a time zone. */
export function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** "HH:MM" → minutes; throws naming the field on a malformed value. */
export function parseClock(value: string, field: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!m) throw new RangeError(`${field}: expected HH:MM, got "${value}"`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** When quiet hours end if `now` is inside them; undefined when it is not. */
export function quietHoursEnd(quiet: QuietHours, timeZone: string, now: Date): Date | undefined {
  const from = parseClock(quiet.from, 'quietHours.from');
  const to = parseClock(quiet.to, 'quietHours.to');
  if (from === to) return undefined;
  const local = localMinutes(now, timeZone);
  const inside = from < to ? local >= from && local < to : local >= from || local < to;
  if (!inside) return undefined;
  const minutesLeft = (to - local + 24 * 60) % (24 * 60);
  // Whole minutes from the start of the current minute keep the result exact to the minute.
  const startOfMinute = Math.floor(now.getTime() / 60_000) * 60_000;
  return new Date(startOfMinute + minutesLeft * 60_000);
}
