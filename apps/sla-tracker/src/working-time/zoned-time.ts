/** A civil date and time of day in some zone. */
export interface LocalTime {
  year: number;
  month: number;
  day: number;
  /** Minutes since local midnight. */
  minute: number;
}

/** A zone name the tz database does not know. */
export class UnknownTimeZoneError extends Error {
  constructor(
    readonly zone: string,
    readonly field = 'timeZone',
  ) {
    super(`${field}: unknown IANA time zone "${zone}"`);
  }
}

const HOUR_MS = 3_600_000;
const CACHE_LIMIT = 200_000;

/**
 * Conversions between instants and civil time in one IANA zone, through the tz database that
 * Intl carries: Russian zones changed offsets in 2011, 2014 and 2016–2020, so a fixed offset per
 * region would be wrong for past dates. Offsets are cached per hour, since they change only on
 * the hour.
 */
export class ZonedTime {
  private readonly format: Intl.DateTimeFormat;
  private readonly offsets = new Map<number, number>();

  constructor(readonly zone: string) {
    try {
      this.format = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new UnknownTimeZoneError(zone);
    }
  }

  /** Zone offset from UTC in milliseconds at `instant`. */
  offsetAt(instant: number): number {
    const hour = Math.floor(instant / HOUR_MS);
    let offset = this.offsets.get(hour);
    if (offset === undefined) {
      offset = this.computeOffset(hour * HOUR_MS);
      if (this.offsets.size >= CACHE_LIMIT) this.offsets.clear();
      this.offsets.set(hour, offset);
    }
    return offset;
  }

  /** Civil time at `instant`. */
  local(instant: number): LocalTime {
    const shifted = new Date(instant + this.offsetAt(instant));
    return {
      year: shifted.getUTCFullYear(),
      month: shifted.getUTCMonth() + 1,
      day: shifted.getUTCDate(),
      minute: shifted.getUTCHours() * 60 + shifted.getUTCMinutes() + shifted.getUTCSeconds() / 60 + shifted.getUTCMilliseconds() / 60_000,
    };
  }

  /** Instant of a civil time; `minute` may be 1440 (the end of the day). */
  instant(year: number, month: number, day: number, minute: number): number {
    const wall = Date.UTC(year, month - 1, day) + minute * 60_000;
    const first = wall - this.offsetAt(wall);
    return wall - this.offsetAt(first);
  }

  private computeOffset(instant: number): number {
    const parts: Record<string, number> = {};
    for (const p of this.format.formatToParts(new Date(instant))) {
      if (p.type !== 'literal') parts[p.type] = Number(p.value);
    }
    const wall = Date.UTC(parts['year'], parts['month'] - 1, parts['day'], parts['hour'], parts['minute'], parts['second']);
    return wall - instant;
  }
}

/** Civil date `days` after the given one. */
export function addDays(date: { year: number; month: number; day: number }, days: number): { year: number; month: number; day: number } {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}
