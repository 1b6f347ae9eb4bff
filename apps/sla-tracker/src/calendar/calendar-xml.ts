/**
 * Reader of the published production-calendar XML format (`<calendar year><days><day d="MM.DD"
 * t="1|2|3" h? f?/>`). Only days that differ from an ordinary week are listed: t=1 day off,
 * t=2 shortened working day (may fall on a weekend, which then works), t=3 working weekend day,
 * f = the date a day off was moved from. Used by the converter script and by the specs that check
 * the shipped calendar against the source.
 */
export interface XmlCalendarDay {
  /** `MM-DD`. */
  date: string;
  type: 1 | 2 | 3;
  /** `MM-DD` the day off was moved from, when the source says. */
  from?: string;
}

export interface XmlCalendar {
  year: number;
  days: XmlCalendarDay[];
}

export class CalendarXmlError extends Error {
  constructor(
    message: string,
    readonly source: string,
  ) {
    super(`${source}: ${message}`);
  }
}

const DAY_TAG = /<day\s+([^>]*?)\/?>/g;
const ATTR = /(\w+)="([^"]*)"/g;

function attributes(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(ATTR)) out[m[1]] = m[2];
  return out;
}

function monthDay(value: string, source: string): string {
  const m = /^(\d{2})\.(\d{2})$/.exec(value);
  if (!m) throw new CalendarXmlError(`bad day "${value}"`, source);
  return `${m[1]}-${m[2]}`;
}

/** Parses one year's XML; `source` names the file in errors. */
export function parseCalendarXml(xml: string, source: string): XmlCalendar {
  const yearMatch = /<calendar\b[^>]*\byear="(\d{4})"/.exec(xml);
  if (!yearMatch) throw new CalendarXmlError('no <calendar year="…">', source);
  const days: XmlCalendarDay[] = [];
  for (const m of xml.matchAll(DAY_TAG)) {
    const a = attributes(m[1]);
    const type = Number(a['t']);
    if (type !== 1 && type !== 2 && type !== 3) throw new CalendarXmlError(`bad t="${a['t']}"`, source);
    const day: XmlCalendarDay = { date: monthDay(a['d'] ?? '', source), type };
    if (a['f']) day.from = monthDay(a['f'], source);
    days.push(day);
  }
  return { year: Number(yearMatch[1]), days };
}
