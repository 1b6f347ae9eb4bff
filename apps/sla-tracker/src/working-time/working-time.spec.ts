import { ProductionCalendar } from '../calendar/production-calendar';
import { civilServiceWeek, compileHours, shorten, WeeklyHours } from './working-hours';
import { RoundTheClock, WorkingTime } from './working-time';
import { UnknownTimeZoneError } from './zoned-time';

const calendar = new ProductionCalendar();
const clockIn = (zone: string, hours: WeeklyHours = civilServiceWeek(zone)) => new WorkingTime(calendar, compileHours(hours));
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe('WorkingTime.addMinutes', () => {
  it.each([
    ['lunch break is skipped', 'Europe/Moscow', '2025-03-03T10:00:00+03:00', 240, '2025-03-03T14:48:00+03:00'],
    ['shortened pre-holiday Friday ends at 15:45, weekend and 8 March skipped', 'Europe/Moscow', '2025-03-07T15:00:00+03:00', 240, '2025-03-10T12:15:00+03:00'],
    ['a working Saturday keeps the hours of the Monday it was traded for', 'Europe/Moscow', '2024-12-27T17:00:00+03:00', 480, '2024-12-28T17:48:00+03:00'],
    ['New Year holidays are skipped', 'Europe/Moscow', '2024-12-28T17:00:00+03:00', 240, '2025-01-09T12:00:00+03:00'],
    ['start before opening waits for 9:00 (Kamchatka, UTC+12)', 'Asia/Kamchatka', '2025-01-09T08:00:00+12:00', 60, '2025-01-09T10:00:00+12:00'],
    ['Kaliningrad (UTC+2): short day before 12 June, holiday and transferred day off', 'Europe/Kaliningrad', '2025-06-11T16:30:00+02:00', 60, '2025-06-16T09:30:00+02:00'],
    ['Moscow in January 2014 was UTC+4', 'Europe/Moscow', '2014-01-15T09:00:00+04:00', 60, '2014-01-15T10:00:00+04:00'],
    ['across the October 2014 move from UTC+4 to UTC+3', 'Europe/Moscow', '2014-10-24T16:00:00+04:00', 60, '2014-10-27T09:15:00+03:00'],
    ['Novosibirsk moved to UTC+7 in July 2016', 'Asia/Novosibirsk', '2016-07-25T09:00:00+07:00', 30, '2016-07-25T09:30:00+07:00'],
    ['Novosibirsk before July 2016 was UTC+6', 'Asia/Novosibirsk', '2016-07-22T09:00:00+06:00', 30, '2016-07-22T09:30:00+06:00'],
    ['zero minutes is the start itself', 'Europe/Moscow', '2025-03-08T12:00:00+03:00', 0, '2025-03-08T12:00:00+03:00'],
  ])('%s', (_name, zone, from, minutes, expected) => {
    const result = clockIn(zone).addMinutes(at(from), minutes);
    expect(iso(result.value)).toBe(iso(at(expected)));
    expect(result.calendarKnown).toBe(true);
  });

  it('flags results computed over a year without a published calendar', () => {
    const result = clockIn('Europe/Moscow').addMinutes(at('2027-01-11T09:00:00+03:00'), 60);
    expect(iso(result.value)).toBe(iso(at('2027-01-11T10:00:00+03:00')));
    expect(result.calendarKnown).toBe(false);
  });

  it('honours regional days off on top of the federal calendar', () => {
    const hours = { ...civilServiceWeek('Europe/Moscow'), extraDaysOff: ['2025-03-31'] };
    expect(iso(clockIn('Europe/Moscow', hours).addMinutes(at('2025-03-28T16:00:00+03:00'), 60).value)).toBe(iso(at('2025-04-01T09:15:00+03:00')));
  });
});

describe('WorkingTime.minutesBetween', () => {
  it.each([
    ['a week with a shortened Friday', '2025-03-03T09:00:00+03:00', '2025-03-07T23:00:00+03:00', 4 * 492 + 357],
    ['inside a lunch break', '2025-03-03T13:10:00+03:00', '2025-03-03T13:40:00+03:00', 0],
    ['over the New Year holidays', '2025-12-30T17:00:00+03:00', '2026-01-12T10:00:00+03:00', 60 + 60],
    ['reversed instants', '2025-03-04T10:00:00+03:00', '2025-03-03T10:00:00+03:00', 0],
  ])('%s', (_name, from, to, expected) => {
    expect(clockIn('Europe/Moscow').minutesBetween(at(from), at(to)).value).toBeCloseTo(expected, 6);
  });

  it('inverts addMinutes for many starts and lengths in every Russian offset', () => {
    const zones = [
      'Europe/Kaliningrad',
      'Europe/Moscow',
      'Europe/Samara',
      'Asia/Yekaterinburg',
      'Asia/Omsk',
      'Asia/Krasnoyarsk',
      'Asia/Irkutsk',
      'Asia/Yakutsk',
      'Asia/Vladivostok',
      'Asia/Magadan',
      'Asia/Kamchatka',
    ];
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647);
    for (let i = 0; i < 220; i++) {
      const clock = clockIn(zones[i % zones.length]);
      const from = at('2013-01-01T00:00:00Z') + (next() % (13 * 365)) * 86_400_000 + (next() % 1440) * 60_000;
      const minutes = next() % 6000;
      const due = clock.addMinutes(from, minutes).value;
      expect([i, clock.minutesBetween(from, due).value]).toEqual([i, expect.closeTo(minutes, 6)]);
    }
  });
});

describe('day-based terms', () => {
  it('one working day after 30 December 2025 ends on 12 January 2026', () => {
    expect(iso(clockIn('Europe/Moscow').addWorkingDays(at('2025-12-30T10:00:00+03:00'), 1).value)).toBe(iso(at('2026-01-12T18:00:00+03:00')));
  });

  it('30 calendar days ending on a Saturday move to the next working day', () => {
    expect(iso(clockIn('Europe/Moscow').addCalendarDays(at('2025-04-10T10:00:00+03:00'), 30).value)).toBe(iso(at('2025-05-12T18:00:00+03:00')));
  });
});

describe('an agency whose week includes the weekend', () => {
  const weekday = { from: '09:00', to: '18:00' };
  const weekendDay = { from: '10:00', to: '15:00' };
  const sixDays: WeeklyHours = { zone: 'Europe/Moscow', days: { 1: weekday, 2: weekday, 3: weekday, 4: weekday, 5: weekday, 6: weekendDay } };
  const sevenDays: WeeklyHours = { ...sixDays, days: { ...sixDays.days, 7: weekendDay } };

  it.each([
    ['works its Saturday hours on an ordinary Saturday', sixDays, '2026-03-13T17:00:00+03:00', 180, '2026-03-14T12:00:00+03:00'],
    ['rests on Sunday when only Saturday is in its week', sixDays, '2026-03-14T14:00:00+03:00', 120, '2026-03-16T10:00:00+03:00'],
    ['works its Sunday hours on an ordinary Sunday', sevenDays, '2026-03-14T14:00:00+03:00', 120, '2026-03-15T11:00:00+03:00'],
    ['works a Saturday on the eve of a holiday one hour shorter; the holiday and the decreed day off stay off', sevenDays, '2026-03-06T17:00:00+03:00', 360, '2026-03-10T10:00:00+03:00'],
    ['rests over the New Year holidays that fall on its weekend days', sevenDays, '2025-12-30T17:00:00+03:00', 120, '2026-01-10T11:00:00+03:00'],
  ])('%s', (_name, hours, from, minutes, expected) => {
    expect(iso(clockIn('Europe/Moscow', hours).addMinutes(at(from), minutes).value)).toBe(iso(at(expected)));
  });

  it('counts its weekend hours between two instants', () => {
    // Friday 09:00–18:00 and Saturday 10:00–15:00; Sunday is not in its week.
    expect(clockIn('Europe/Moscow', sixDays).minutesBetween(at('2026-03-13T09:00:00+03:00'), at('2026-03-16T09:00:00+03:00')).value).toBe(540 + 300);
  });

  it('counts its Saturday as a working day of a day-based term', () => {
    expect(iso(clockIn('Europe/Moscow', sixDays).addWorkingDays(at('2026-03-12T10:00:00+03:00'), 2).value)).toBe(iso(at('2026-03-14T15:00:00+03:00')));
  });

  it('leaves the five-day week resting on every Saturday and Sunday', () => {
    expect(iso(clockIn('Europe/Moscow').addMinutes(at('2026-03-13T16:00:00+03:00'), 60).value)).toBe(iso(at('2026-03-16T09:15:00+03:00')));
  });
});

describe('RoundTheClock', () => {
  it('counts nights and holidays', () => {
    const clock = new RoundTheClock(clockIn('Europe/Moscow'));
    expect(iso(clock.addMinutes(at('2024-12-31T23:30:00+03:00'), 60).value)).toBe(iso(at('2025-01-01T00:30:00+03:00')));
    expect(clock.minutesBetween(at('2025-01-01T00:00:00Z'), at('2025-01-02T00:00:00Z')).value).toBe(1440);
  });
});

describe('working hours', () => {
  it('shortens a day by taking an hour off its end, across the lunch break', () => {
    expect(
      shorten(
        [
          [540, 780],
          [828, 840],
        ],
        60,
      ),
    ).toEqual([[540, 732]]);
  });

  it('rejects an unknown zone naming the field', () => {
    expect(() => compileHours(civilServiceWeek('Mars/Olympus'))).toThrow(UnknownTimeZoneError);
    expect(() => compileHours(civilServiceWeek('Mars/Olympus'))).toThrow(/timeZone/);
  });

  it('rejects a bad time naming the weekday and field', () => {
    const hours = civilServiceWeek('Europe/Moscow');
    hours.days[5] = { from: '09:00', to: '25:00' };
    expect(() => compileHours(hours)).toThrow(/days\.5\.to/);
  });

  it('rejects a break outside the day', () => {
    const hours = civilServiceWeek('Europe/Moscow');
    hours.days[1] = { from: '09:00', to: '12:00', breaks: [{ from: '13:00', to: '14:00' }] };
    expect(() => compileHours(hours)).toThrow(/days\.1\.breaks\[0\]/);
  });
});
