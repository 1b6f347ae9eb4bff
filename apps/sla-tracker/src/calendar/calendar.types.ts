/** Kind of a calendar day for working-time arithmetic. */
export type DayKind = 'working' | 'short' | 'off';

/** Day of the week, ISO numbering: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/**
 * One year of the Russian production calendar in Otklik's own format. Dates are `MM-DD`.
 * Only deviations from the ordinary Monday–Friday week are listed.
 */
export interface YearCalendarData {
  year: number;
  /** Non-working holidays and transferred days off (some fall on weekends anyway). */
  daysOff: string[];
  /** Shortened working days, one hour shorter (pre-holiday days); may be a working weekend day. */
  shortDays: string[];
  /** Saturdays and Sundays that are working days by a transfer decree. */
  workingWeekends: string[];
  /** Day off `dayOff` was moved from `from` (the source lists only `MM-DD`; a January `from` on a
   * December day off is a weekend holiday of the same year's January). */
  transfers: { dayOff: string; from: string }[];
}

/** What the calendar says about one date. */
export interface DayInfo {
  kind: DayKind;
  /**
   * Whose weekday hours apply: the date's own weekday, or, for a working weekend day, the
   * weekday of the day off it was traded for (so a working Saturday keeps that weekday's hours).
   */
  hoursOf: IsoWeekday;
  /** False when the year had no published calendar and the Labour Code fallback was used. */
  known: boolean;
  /**
   * Set on an ordinary Saturday or Sunday only: off in the five-day week, yet neither a holiday
   * nor a day off by decree. An agency whose week has hours on that weekday works it, one hour
   * shorter (`short`) on the eve of a non-working holiday (Labour Code art. 95).
   */
  weekend?: 'working' | 'short';
}
