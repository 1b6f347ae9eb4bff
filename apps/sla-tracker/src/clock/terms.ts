import { Term } from '../policies/policy.types';
import { Computed, WorkClock } from '../working-time/working-time';

/** The instant a term ends when it starts at `from`. */
export function termEnd(clock: WorkClock, from: number, term: Term): Computed<number> {
  switch (term.unit) {
    case 'minutes':
      return clock.addMinutes(from, term.amount);
    case 'hours':
      return clock.addMinutes(from, term.amount * 60);
    case 'working_days':
      return clock.addWorkingDays(from, term.amount);
    case 'calendar_days':
      return clock.addCalendarDays(from, term.amount);
  }
}

/** A term's length in counted minutes when it starts at `from`. */
export function termMinutes(clock: WorkClock, from: number, term: Term): Computed<number> {
  const end = termEnd(clock, from, term);
  const minutes = clock.minutesBetween(from, end.value);
  return { value: minutes.value, calendarKnown: end.calendarKnown && minutes.calendarKnown };
}
