import { YearCalendarData } from './calendar.types';

/**
 * Non-working holidays fixed by Labour Code art. 112 part 1 (`MM-DD`). January 1–8 are the New
 * Year holidays; their weekend overlaps are moved by a yearly decree that an unknown year lacks.
 */
export const FIXED_HOLIDAYS = ['01-01', '01-02', '01-03', '01-04', '01-05', '01-06', '01-07', '01-08', '02-23', '03-08', '05-01', '05-09', '06-12', '11-04'] as const;

const NEW_YEAR_HOLIDAYS = new Set<string>(FIXED_HOLIDAYS.slice(0, 8));

function weekday(year: number, monthDay: string): number {
  return new Date(`${year}-${monthDay}T00:00:00Z`).getUTCDay();
}

function monthDayOf(date: Date): string {
  return date.toISOString().slice(5, 10);
}

function shiftDays(year: number, monthDay: string, days: number): Date {
  const d = new Date(`${year}-${monthDay}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d;
}

/**
 * The calendar a year gets when no decree for it is known: art. 112 holidays; a holiday on a
 * weekend (other than the New Year ones) moves the day off to the next working day (art. 112
 * part 2); the working day before a holiday is one hour shorter (art. 95).
 */
export function labourCodeCalendar(year: number): YearCalendarData {
  const off = new Set<string>(FIXED_HOLIDAYS);
  const transfers: YearCalendarData['transfers'] = [];
  for (const holiday of FIXED_HOLIDAYS) {
    const day = weekday(year, holiday);
    if (NEW_YEAR_HOLIDAYS.has(holiday) || (day !== 0 && day !== 6)) continue;
    for (let shift = 1; shift < 7; shift++) {
      const next = shiftDays(year, holiday, shift);
      const md = monthDayOf(next);
      if (next.getUTCFullYear() !== year || next.getUTCDay() === 0 || next.getUTCDay() === 6 || off.has(md)) continue;
      off.add(md);
      transfers.push({ dayOff: md, from: holiday });
      break;
    }
  }
  const shortDays: string[] = [];
  for (const holiday of FIXED_HOLIDAYS) {
    const before = shiftDays(year, holiday, -1);
    const md = monthDayOf(before);
    const day = before.getUTCDay();
    if (before.getUTCFullYear() === year && day !== 0 && day !== 6 && !off.has(md)) shortDays.push(md);
  }
  return { year, daysOff: [...off].sort(), shortDays: shortDays.sort(), workingWeekends: [], transfers };
}
