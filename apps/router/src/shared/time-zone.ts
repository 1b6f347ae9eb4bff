import { registerDecorator, ValidationOptions } from 'class-validator';

/** True when the runtime knows `zone` as an IANA time zone. */
export function isTimeZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || zone === '') return false;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** class-validator: the value is an IANA time zone the runtime knows. */
export function IsTimeZone(options: ValidationOptions = {}): PropertyDecorator {
  return (target, propertyName) => {
    registerDecorator({
      name: 'isTimeZone',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must be an IANA time zone, e.g. Europe/Moscow`, ...options },
      validator: { validate: (value: unknown) => isTimeZone(value) },
    });
  };
}

// Building an Intl formatter costs far more than using one: keep one per zone.
const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayFormat(zone: string): Intl.DateTimeFormat {
  let format = dayFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(zone, format);
  }
  return format;
}

/** Calendar year of `at` in `zone` (an incident filed at 23:30 UTC on 31 Dec in Vladivostok is next year's). */
export function yearIn(at: Date, zone: string): number {
  return Number(localDate(at, zone).slice(0, 4));
}

/** UTC offset of `zone` at `at`, in minutes east of UTC. */
export function offsetMinutes(zone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(at);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((local - Math.floor(at.getTime() / 60000) * 60000) / 60000);
}

/** `YYYY-MM-DD` of `at` in `zone`. */
export function localDate(at: Date, zone: string): string {
  return dayFormat(zone).format(at);
}
