import { DayInfo, DayKind, IsoWeekday, YearCalendarData } from './calendar.types';
import { SHIPPED_CALENDARS } from './data';
import { FIXED_HOLIDAYS, labourCodeCalendar } from './labour-code';

interface CompiledYear {
  kinds: DayKind[];
  hoursOf: IsoWeekday[];
  /** Per day: how an agency working that weekend day works it; undefined on all other days. */
  weekend: (WeekendKind | undefined)[];
  known: boolean;
}

type WeekendKind = NonNullable<DayInfo['weekend']>;

const MS_PER_DAY = 86_400_000;

function isoWeekday(date: Date): IsoWeekday {
  return (((date.getUTCDay() + 6) % 7) + 1) as IsoWeekday;
}

function dayOfYear(year: number, month: number, day: number): number {
  return Math.round((Date.UTC(year, month - 1, day) - Date.UTC(year, 0, 1)) / MS_PER_DAY);
}

function parseMonthDay(year: number, monthDay: string): number {
  const [m, d] = monthDay.split('-').map(Number);
  return dayOfYear(year, m, d);
}

/** Expands a year's deviations into one entry per day, so a look-up is an array index. */
function compile(data: YearCalendarData, known: boolean): CompiledYear {
  const days = Math.round((Date.UTC(data.year + 1, 0, 1) - Date.UTC(data.year, 0, 1)) / MS_PER_DAY);
  const kinds: DayKind[] = [];
  const hoursOf: IsoWeekday[] = [];
  for (let i = 0; i < days; i++) {
    const weekday = isoWeekday(new Date(Date.UTC(data.year, 0, 1 + i)));
    kinds.push(weekday >= 6 ? 'off' : 'working');
    hoursOf.push(weekday);
  }
  for (const md of data.workingWeekends) kinds[parseMonthDay(data.year, md)] = 'working';
  for (const md of data.daysOff) kinds[parseMonthDay(data.year, md)] = 'off';
  for (const md of data.shortDays) kinds[parseMonthDay(data.year, md)] = 'short';
  for (const t of data.transfers) {
    const from = parseMonthDay(data.year, t.from);
    // A working weekend day keeps the hours of the weekday whose rest it paid for.
    if (kinds[from] !== 'off' && hoursOf[from] >= 6) {
      hoursOf[from] = isoWeekday(new Date(Date.UTC(data.year, 0, 1 + parseMonthDay(data.year, t.dayOff))));
    }
  }
  for (const md of data.workingWeekends) {
    const i = parseMonthDay(data.year, md);
    // Without a recorded trade, a working weekend day works Monday's hours (a full day).
    if (hoursOf[i] >= 6) hoursOf[i] = 1;
  }
  return { kinds, hoursOf, weekend: ordinaryWeekends(data, kinds), known };
}

/**
 * Saturdays and Sundays that are off only because the five-day week rests on them. Holidays
 * and days off by decree are not among them, so they stay off for every agency.
 */
function ordinaryWeekends(data: YearCalendarData, kinds: readonly DayKind[]): (WeekendKind | undefined)[] {
  const decreed = new Set(data.daysOff.map((md) => parseMonthDay(data.year, md)));
  // The eve of 1 January is the year's last day; the next year's holidays are not needed.
  const holidays = new Set<number>(FIXED_HOLIDAYS.map((md) => parseMonthDay(data.year, md)));
  holidays.add(kinds.length);
  return kinds.map((kind, i) => {
    const weekday = isoWeekday(new Date(Date.UTC(data.year, 0, 1 + i)));
    if (kind !== 'off' || weekday < 6 || decreed.has(i)) return undefined;
    return holidays.has(i + 1) ? 'short' : 'working';
  });
}

/**
 * The Russian production calendar: which days are working, shortened or off. Years without a
 * shipped calendar fall back to the Labour Code's fixed holidays and report `known: false`;
 * `onUnknownYear` is told once per such year so the service can log it and count it.
 */
export class ProductionCalendar {
  private readonly years = new Map<number, CompiledYear>();
  private readonly shipped = new Map<number, YearCalendarData>();

  constructor(
    calendars: readonly YearCalendarData[] = SHIPPED_CALENDARS,
    private readonly onUnknownYear: (year: number) => void = () => undefined,
  ) {
    for (const data of calendars) this.shipped.set(data.year, data);
  }

  /** Whether a published calendar is known for `year`. */
  isKnown(year: number): boolean {
    return this.shipped.has(year);
  }

  /** What the calendar says about a civil date (month 1–12). */
  day(year: number, month: number, day: number): DayInfo {
    const compiled = this.year(year);
    const i = dayOfYear(year, month, day);
    return { kind: compiled.kinds[i], hoursOf: compiled.hoursOf[i], known: compiled.known, weekend: compiled.weekend[i] };
  }

  private year(year: number): CompiledYear {
    let compiled = this.years.get(year);
    if (compiled) return compiled;
    const data = this.shipped.get(year);
    if (data) {
      compiled = compile(data, true);
    } else {
      compiled = compile(labourCodeCalendar(year), false);
      this.onUnknownYear(year);
    }
    this.years.set(year, compiled);
    return compiled;
  }
}
