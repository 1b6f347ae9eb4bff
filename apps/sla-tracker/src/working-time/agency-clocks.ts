import { ProductionCalendar } from '../calendar/production-calendar';
import { civilServiceWeek, compileHours, WeeklyHours } from './working-hours';
import { regionZone } from './region-zones';
import { RoundTheClock, WorkClock, WorkingTime } from './working-time';

/** Zone used when neither the agency nor its region names one. */
export const FALLBACK_ZONE = 'Europe/Moscow';

/**
 * Working time of every agency: its configured hours (the overrides file) if any, else the hours
 * the agency directory last announced, else the civil-service week in its region's zone.
 * Compiled clocks are cached per agency and region.
 */
export class AgencyClocks {
  private readonly cache = new Map<string, { working: WorkingTime; roundTheClock: RoundTheClock }>();
  private readonly announced = new Map<string, { hours: WeeklyHours; fingerprint: string }>();

  constructor(
    private readonly calendar: ProductionCalendar,
    private readonly hours: ReadonlyMap<string, WeeklyHours> = new Map(),
  ) {}

  /**
   * Takes an agency's hours as its directory announces them; returns whether they differ from
   * what was known (the agency's clocks are then counted on the new hours from now on).
   */
  learn(agencyId: string, hours: WeeklyHours): boolean {
    const fingerprint = JSON.stringify(hours);
    if (this.announced.get(agencyId)?.fingerprint === fingerprint) return false;
    this.announced.set(agencyId, { hours, fingerprint });
    for (const key of this.cache.keys()) if (key.startsWith(`${agencyId}|`)) this.cache.delete(key);
    return true;
  }

  /** The clock an agency's deadlines are counted on. */
  clockFor(agencyId: string, regionCode: string | undefined, roundTheClock: boolean): WorkClock {
    const key = `${agencyId}|${regionCode ?? ''}`;
    let entry = this.cache.get(key);
    if (!entry) {
      const own = this.hours.get(agencyId) ?? this.announced.get(agencyId)?.hours;
      const hours = own ?? civilServiceWeek((regionCode && regionZone(regionCode)) || FALLBACK_ZONE);
      const working = new WorkingTime(this.calendar, compileHours(hours));
      entry = { working, roundTheClock: new RoundTheClock(working) };
      this.cache.set(key, entry);
    }
    return roundTheClock ? entry.roundTheClock : entry.working;
  }
}
