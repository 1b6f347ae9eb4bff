import { ProductionCalendar } from '../calendar/production-calendar';
import { CompiledHours, MinuteIntervals } from './working-hours';
import { addDays } from './zoned-time';

const MINUTE_MS = 60_000;
/** No agency rests longer than this; beyond it the hours or the input are wrong. */
const MAX_SCAN_DAYS = 3_700;

/** An instant, and whether every day it was computed over had a published calendar. */
export interface Computed<T> {
  value: T;
  calendarKnown: boolean;
}

/** The arithmetic every clock needs, in working time or round the clock. */
export interface WorkClock {
  /** Whether minutes are counted round the clock (emergencies) rather than in working hours. */
  readonly roundTheClock: boolean;
  /** Instant at which `minutes` of counted time have passed since `from`. */
  addMinutes(from: number, minutes: number): Computed<number>;
  /** Counted minutes between two instants (0 when `to` ≤ `from`). */
  minutesBetween(from: number, to: number): Computed<number>;
  /** End of the `days`-th working day counted from the day after `from` (labour-law day counting). */
  addWorkingDays(from: number, days: number): Computed<number>;
  /** End of the working day on the calendar day `days` after `from`'s date, or the next working day if that is off. */
  addCalendarDays(from: number, days: number): Computed<number>;
}

interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** Working time of one agency: its weekly hours, the federal calendar and regional days off. */
export class WorkingTime implements WorkClock {
  readonly roundTheClock = false;

  constructor(
    private readonly calendar: ProductionCalendar,
    private readonly hours: CompiledHours,
  ) {}

  addMinutes(from: number, minutes: number): Computed<number> {
    let left = minutes * MINUTE_MS;
    let known = true;
    if (left <= 0) return { value: from, calendarKnown: true };
    let date: CivilDate = this.hours.zone.local(from);
    for (let i = 0; i < MAX_SCAN_DAYS; i++, date = addDays(date, 1)) {
      const day = this.day(date);
      known &&= day.known;
      for (const [start, end] of day.intervals) {
        if (end <= from) continue;
        const begin = Math.max(start, from);
        if (end - begin >= left) return { value: begin + left, calendarKnown: known };
        left -= end - begin;
      }
    }
    throw new RangeError(`no working time within ${MAX_SCAN_DAYS} days after ${new Date(from).toISOString()}`);
  }

  minutesBetween(from: number, to: number): Computed<number> {
    if (to <= from) return { value: 0, calendarKnown: true };
    let total = 0;
    let known = true;
    let date: CivilDate = this.hours.zone.local(from);
    const last = this.hours.zone.local(to);
    for (;;) {
      const day = this.day(date);
      known &&= day.known;
      for (const [start, end] of day.intervals) {
        total += Math.max(0, Math.min(end, to) - Math.max(start, from));
      }
      if (date.year === last.year && date.month === last.month && date.day === last.day) break;
      date = addDays(date, 1);
    }
    return { value: total / MINUTE_MS, calendarKnown: known };
  }

  addWorkingDays(from: number, days: number): Computed<number> {
    let date: CivilDate = this.hours.zone.local(from);
    let known = true;
    let counted = 0;
    for (let i = 0; i < MAX_SCAN_DAYS; i++) {
      date = addDays(date, 1);
      const day = this.day(date);
      known &&= day.known;
      if (day.intervals.length > 0 && ++counted >= days) {
        return { value: day.intervals[day.intervals.length - 1][1], calendarKnown: known };
      }
    }
    throw new RangeError(`no ${days} working days within ${MAX_SCAN_DAYS} days`);
  }

  addCalendarDays(from: number, days: number): Computed<number> {
    let date = addDays(this.hours.zone.local(from), days);
    let known = true;
    for (let i = 0; i < MAX_SCAN_DAYS; i++, date = addDays(date, 1)) {
      const day = this.day(date);
      known &&= day.known;
      if (day.intervals.length > 0) return { value: day.intervals[day.intervals.length - 1][1], calendarKnown: known };
    }
    throw new RangeError(`no working day within ${MAX_SCAN_DAYS} days`);
  }

  /** Working intervals of a civil date as instants. */
  day(date: CivilDate): { intervals: [number, number][]; known: boolean } {
    const info = this.calendar.day(date.year, date.month, date.day);
    const iso = `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
    // An ordinary weekend day is off only for agencies without hours on that weekday; a holiday or
    // a day off by decree stays off for all (docs/sla-tracker.md, "Weekends and holidays").
    const kind = info.kind === 'off' && info.weekend ? info.weekend : info.kind;
    if (kind === 'off' || this.hours.extraDaysOff.has(iso)) return { intervals: [], known: info.known };
    const minutes: MinuteIntervals = (kind === 'short' ? this.hours.short : this.hours.full)[info.hoursOf];
    const zone = this.hours.zone;
    const intervals = minutes.map(([a, b]): [number, number] => [zone.instant(date.year, date.month, date.day, a), zone.instant(date.year, date.month, date.day, b)]);
    return { intervals, known: info.known };
  }
}

/** Emergency clocks: every minute counts, nights and holidays included. */
export class RoundTheClock implements WorkClock {
  readonly roundTheClock = true;

  constructor(private readonly working: WorkingTime) {}

  addMinutes(from: number, minutes: number): Computed<number> {
    return { value: from + Math.max(0, minutes) * MINUTE_MS, calendarKnown: true };
  }

  minutesBetween(from: number, to: number): Computed<number> {
    return { value: Math.max(0, to - from) / MINUTE_MS, calendarKnown: true };
  }

  /** Day-based deadlines are legal terms and keep working-day counting even for emergencies. */
  addWorkingDays(from: number, days: number): Computed<number> {
    return this.working.addWorkingDays(from, days);
  }

  addCalendarDays(from: number, days: number): Computed<number> {
    return this.working.addCalendarDays(from, days);
  }
}
