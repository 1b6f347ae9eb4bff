import type { RoutedAgency } from '@otklik/contracts';
import { ProductionCalendar } from '../calendar/production-calendar';
import { AgencyClocks } from './agency-clocks';
import { weeklyHoursOf } from './directory-hours';
import { civilServiceWeek } from './working-hours';

const kaliningrad: RoutedAgency = {
  name: 'МКУ «Дороги»',
  kind: 'road_agency',
  timeZone: 'Europe/Kaliningrad',
  workingHours: [
    { weekdays: [1, 2, 3, 4], from: '08:00', to: '17:00', breaks: [{ from: '12:00', to: '12:48' }] },
    { weekdays: [5], from: '08:00', to: '15:45' },
  ],
  extraDaysOff: ['2025-03-07'],
};
const monday0800Kaliningrad = Date.parse('2025-03-03T06:00:00Z');

describe('agency hours from the directory', () => {
  it("becomes the agency's week in its own zone, with breaks and regional days off", () => {
    expect(weeklyHoursOf(kaliningrad)).toEqual({
      zone: 'Europe/Kaliningrad',
      days: {
        1: { from: '08:00', to: '17:00', breaks: [{ from: '12:00', to: '12:48' }] },
        2: { from: '08:00', to: '17:00', breaks: [{ from: '12:00', to: '12:48' }] },
        3: { from: '08:00', to: '17:00', breaks: [{ from: '12:00', to: '12:48' }] },
        4: { from: '08:00', to: '17:00', breaks: [{ from: '12:00', to: '12:48' }] },
        5: { from: '08:00', to: '15:45' },
      },
      extraDaysOff: ['2025-03-07'],
    });
  });

  it('names the field of a week that cannot be used', () => {
    expect(() => weeklyHoursOf({ ...kaliningrad, workingHours: [{ weekdays: [1], from: '18:00', to: '09:00' }] })).toThrow('agency.days.1');
    expect(() =>
      weeklyHoursOf({
        ...kaliningrad,
        workingHours: [
          { weekdays: [1], from: '09:00', to: '18:00' },
          { weekdays: [1], from: '09:00', to: '12:00' },
        ],
      }),
    ).toThrow('agency.workingHours[1].weekdays');
    expect(() => weeklyHoursOf({ ...kaliningrad, timeZone: 'Europe/Atlantis' })).toThrow('agency.timeZone');
  });

  it('counts the agency on the announced week from then on; the configured week still wins', () => {
    const clocks = new AgencyClocks(new ProductionCalendar(), new Map([['configured', civilServiceWeek('Europe/Moscow')]]));
    const due = (agencyId: string) => clocks.clockFor(agencyId, '27', false).addMinutes(monday0800Kaliningrad, 240).value;
    // Civil-service week in the region's zone: 09:00 + 4 h = 13:00 local (11:00 UTC).
    expect(new Date(due('kld-roads')).toISOString()).toBe('2025-03-03T11:00:00.000Z');

    expect(clocks.learn('kld-roads', weeklyHoursOf(kaliningrad))).toBe(true);
    expect(clocks.learn('kld-roads', weeklyHoursOf(kaliningrad))).toBe(false);
    clocks.learn('configured', weeklyHoursOf(kaliningrad));

    // Announced week: 08:00 + 4 h = 12:00 local (10:00 UTC).
    expect(new Date(due('kld-roads')).toISOString()).toBe('2025-03-03T10:00:00.000Z');
    // Configured: Moscow civil-service week, 09:00 + 4 h = 13:00 Moscow (10:00 UTC), lunch after.
    expect(new Date(due('configured')).toISOString()).toBe('2025-03-03T10:00:00.000Z');
  });
});
