import { ProductionCalendar } from '../calendar/production-calendar';
import { civilServiceWeek, compileHours, WeeklyHours } from './working-hours';
import { regionZone } from './region-zones';
import { RoundTheClock, WorkClock, WorkingTime } from './working-time';

/** Zone used when neither the agency nor its region names one. */
export const FALLBACK_ZONE = 'Europe/Moscow';

/**
 * Working time of every agency: its own hours where configured, otherwise the civil-service week
 * in its region's zone. Compiled clocks are cached per agency and region.
 */
export class AgencyClocks {
  private readonly cache = new Map<string, { working: WorkingTime; roundTheClock: RoundTheClock }>();

  constructor(
    private readonly calendar: ProductionCalendar,
    private readonly hours: ReadonlyMap<string, WeeklyHours> = new Map(),
  ) {}

  /** The clock an agency's deadlines are counted on. */
  clockFor(agencyId: string, regionCode: string | undefined, roundTheClock: boolean): WorkClock {
    const key = `${agencyId}|${regionCode ?? ''}`;
    let entry = this.cache.get(key);
    if (!entry) {
      const own = this.hours.get(agencyId);
      const hours = own ?? civilServiceWeek((regionCode && regionZone(regionCode)) || FALLBACK_ZONE);
      const working = new WorkingTime(this.calendar, compileHours(hours));
      entry = { working, roundTheClock: new RoundTheClock(working) };
      this.cache.set(key, entry);
    }
    return roundTheClock ? entry.roundTheClock : entry.working;
  }
}
