import { XmlCalendar } from './calendar-xml';
import { YearCalendarData } from './calendar.types';

function isWeekend(year: number, monthDay: string): boolean {
  const day = new Date(`${year}-${monthDay}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

/**
 * Turns the published XML's day list into Otklik's format. A transfer source in January listed
 * on a December day off (e.g. 2025-12-31 moved from 01-05) belongs to the same year's January.
 */
export function fromXml(xml: XmlCalendar): YearCalendarData {
  const data: YearCalendarData = { year: xml.year, daysOff: [], shortDays: [], workingWeekends: [], transfers: [] };
  for (const day of xml.days) {
    if (day.type === 1) {
      data.daysOff.push(day.date);
      if (day.from) data.transfers.push({ dayOff: day.date, from: day.from });
      continue;
    }
    if (day.type === 2) data.shortDays.push(day.date);
    if (isWeekend(xml.year, day.date)) data.workingWeekends.push(day.date);
  }
  return data;
}
