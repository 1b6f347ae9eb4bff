import { IsoWeekday } from '../calendar/calendar.types';
import { ZonedTime } from './zoned-time';

/** `HH:MM`–`HH:MM`, local time. */
export interface TimeRange {
  from: string;
  to: string;
}

/** One weekday's hours with its breaks (lunch). */
export interface DayHours extends TimeRange {
  breaks?: TimeRange[];
}

/** An agency's working hours, in the agency's own IANA zone. */
export interface WeeklyHours {
  /** IANA zone, e.g. `Europe/Kaliningrad` … `Asia/Kamchatka`. */
  zone: string;
  /** ISO weekday (1 = Monday) → hours; a missing weekday is a day off. */
  days: Partial<Record<IsoWeekday, DayHours>>;
  /** Regional non-working holidays on top of the federal calendar, `YYYY-MM-DD`. */
  extraDaysOff?: string[];
}

/** A working-hours definition that cannot be used; names the offending field. */
export class WorkingHoursError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/** Working intervals of a day in minutes since local midnight, ascending, non-overlapping. */
export type MinuteIntervals = readonly (readonly [number, number])[];

export interface CompiledHours {
  zone: ZonedTime;
  /** Index = ISO weekday; full and shortened (one hour less, taken off the end) variants. */
  full: MinuteIntervals[];
  short: MinuteIntervals[];
  extraDaysOff: ReadonlySet<string>;
}

const HHMM = /^([01]\d|2[0-4]):([0-5]\d)$/;

function minutes(value: string, field: string): number {
  const m = HHMM.exec(value);
  const total = m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  if (!m || total > 1440) throw new WorkingHoursError(field, `expected HH:MM, got "${value}"`);
  return total;
}

function dayIntervals(hours: DayHours, field: string): [number, number][] {
  const from = minutes(hours.from, `${field}.from`);
  const to = minutes(hours.to, `${field}.to`);
  if (to <= from) throw new WorkingHoursError(field, 'the day must end after it starts');
  const breaks = (hours.breaks ?? []).map((b, i) => [minutes(b.from, `${field}.breaks[${i}].from`), minutes(b.to, `${field}.breaks[${i}].to`)] as const).sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  let cursor = from;
  breaks.forEach(([bFrom, bTo], i) => {
    if (bTo <= bFrom || bFrom < cursor || bTo > to) throw new WorkingHoursError(`${field}.breaks[${i}]`, 'break must lie inside the day, in order');
    if (bFrom > cursor) out.push([cursor, bFrom]);
    cursor = bTo;
  });
  if (to > cursor) out.push([cursor, to]);
  return out;
}

/** Removes `cut` minutes from the end of a day (a shortened pre-holiday day). */
export function shorten(intervals: MinuteIntervals, cut: number): MinuteIntervals {
  const out: [number, number][] = [];
  let left = cut;
  for (let i = intervals.length - 1; i >= 0; i--) {
    const [from, to] = intervals[i];
    const take = Math.min(left, to - from);
    left -= take;
    if (to - take > from) out.unshift([from, to - take]);
  }
  return out;
}

/** Validates and compiles working hours; throws WorkingHoursError naming the field. */
export function compileHours(hours: WeeklyHours): CompiledHours {
  const zone = new ZonedTime(hours.zone);
  const full: MinuteIntervals[] = [[]];
  for (let wd = 1; wd <= 7; wd++) {
    const day = hours.days[wd as IsoWeekday];
    full.push(day ? dayIntervals(day, `days.${wd}`) : []);
  }
  if (full.every((d) => d.length === 0)) throw new WorkingHoursError('days', 'at least one working day is needed');
  for (const [i, date] of (hours.extraDaysOff ?? []).entries()) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new WorkingHoursError(`extraDaysOff[${i}]`, `expected YYYY-MM-DD, got "${date}"`);
  }
  return { zone, full, short: full.map((d) => shorten(d, 60)), extraDaysOff: new Set(hours.extraDaysOff ?? []) };
}

/** Mon–Thu 9:00–18:00, Fri 9:00–16:45, lunch 13:00–13:48: the usual civil-service week. */
export function civilServiceWeek(zone: string): WeeklyHours {
  const lunch = [{ from: '13:00', to: '13:48' }];
  const long = { from: '09:00', to: '18:00', breaks: lunch };
  return { zone, days: { 1: long, 2: long, 3: long, 4: long, 5: { from: '09:00', to: '16:45', breaks: lunch } } };
}
