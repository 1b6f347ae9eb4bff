import type { RoutedAgency } from '@otklik/contracts';
import { IsoWeekday } from '../calendar/calendar.types';
import { compileHours, DayHours, WeeklyHours, WorkingHoursError } from './working-hours';

/**
 * The working week of an agency as the router's directory announces it (with every routing),
 * in the tracker's own form; checked the way a configured week is, so a week that cannot be
 * used throws a WorkingHoursError naming the field.
 */
export function weeklyHoursOf(agency: RoutedAgency): WeeklyHours {
  const days: Partial<Record<IsoWeekday, DayHours>> = {};
  agency.workingHours.forEach((entry, i) => {
    for (const weekday of entry.weekdays) {
      if (days[weekday as IsoWeekday]) throw new WorkingHoursError(`agency.workingHours[${i}].weekdays`, `weekday ${weekday} is given twice`);
      days[weekday as IsoWeekday] = { from: entry.from, to: entry.to, ...(entry.breaks?.length ? { breaks: entry.breaks } : {}) };
    }
  });
  const hours: WeeklyHours = { zone: agency.timeZone, days, ...(agency.extraDaysOff?.length ? { extraDaysOff: agency.extraDaysOff } : {}) };
  try {
    compileHours(hours);
  } catch (error) {
    if (error instanceof WorkingHoursError) throw new WorkingHoursError(`agency.${error.field}`, error.message);
    throw new WorkingHoursError('agency.timeZone', (error as Error).message);
  }
  return hours;
}
