import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { sharedDataDir } from '@otklik/config';
import { parseCalendarXml } from './calendar-xml';
import { DayKind } from './calendar.types';
import { SHIPPED_CALENDARS } from './data';
import { ProductionCalendar } from './production-calendar';

const YEARS = Array.from({ length: 14 }, (_, i) => 2013 + i);

function xmlKinds(year: number): Map<string, DayKind> {
  const file = path.join(sharedDataDir(), 'calendar', 'ru', String(year), 'calendar.xml');
  const kinds = new Map<string, DayKind>();
  for (const day of parseCalendarXml(readFileSync(file, 'utf8'), file).days) {
    kinds.set(day.date, day.type === 1 ? 'off' : day.type === 2 ? 'short' : 'working');
  }
  return kinds;
}

function everyDate(year: number): { month: number; day: number; md: string; weekend: boolean }[] {
  const out = [];
  for (let d = new Date(Date.UTC(year, 0, 1)); d.getUTCFullYear() === year; d.setUTCDate(d.getUTCDate() + 1)) {
    const wd = d.getUTCDay();
    out.push({ month: d.getUTCMonth() + 1, day: d.getUTCDate(), md: d.toISOString().slice(5, 10), weekend: wd === 0 || wd === 6 });
  }
  return out;
}

describe('ProductionCalendar', () => {
  const calendar = new ProductionCalendar();

  it('ships a calendar for every year 2013–2026', () => {
    expect(SHIPPED_CALENDARS.map((c) => c.year)).toEqual(YEARS);
  });

  it.each(YEARS)('agrees with the published XML on every day of %i', (year) => {
    const published = xmlKinds(year);
    const mismatches: string[] = [];
    for (const { month, day, md, weekend } of everyDate(year)) {
      const expected = published.get(md) ?? (weekend ? 'off' : 'working');
      const info = calendar.day(year, month, day);
      if (info.kind !== expected || !info.known) mismatches.push(`${md}: ${info.kind} != ${expected}`);
    }
    expect(mismatches).toEqual([]);
  });

  it.each([
    ['2025-11-01', 'short', 1],
    ['2024-04-27', 'working', 1],
    ['2024-12-28', 'working', 1],
    ['2018-04-28', 'short', 1],
    ['2021-02-20', 'short', 1],
    ['2025-01-09', 'working', 4],
    ['2025-01-08', 'off', 3],
    ['2020-04-15', 'off', 3],
  ] as const)('%s is %s with weekday %i hours', (date, kind, hoursOf) => {
    const [y, m, d] = date.split('-').map(Number);
    expect(calendar.day(y, m, d)).toEqual({ kind, hoursOf, known: true });
  });
});

describe('ProductionCalendar: ordinary weekend days', () => {
  const calendar = new ProductionCalendar();
  const day = (date: string) => {
    const [y, m, d] = date.split('-').map(Number);
    return calendar.day(y, m, d);
  };

  it.each([
    ['an ordinary Saturday', '2026-03-14', 'working'],
    ['an ordinary Sunday', '2026-03-15', 'working'],
    ['a Saturday on the eve of a Sunday holiday (8 March)', '2026-03-07', 'short'],
    ['a Sunday on the eve of 23 February', '2026-02-22', 'short'],
    ['the last Saturday of a year before 1 January', '2022-12-31', 'short'],
  ] as const)('marks %s as a weekend day an agency may work (%s)', (_name, date, weekend) => {
    expect(day(date)).toMatchObject({ kind: 'off', weekend });
  });

  it.each([
    ['a holiday on a Sunday', '2026-03-08'],
    ['a New Year holiday on a Saturday', '2026-01-03'],
    ['a working Saturday by decree', '2024-12-28'],
    ['a weekday', '2026-03-16'],
    ['a transferred day off', '2026-03-09'],
  ])('leaves %s without a weekend mark', (_name, date) => {
    expect(day(date).weekend).toBeUndefined();
  });

  it('marks ordinary weekends in a year without a decree too', () => {
    const fallback = new ProductionCalendar([]);
    expect(fallback.day(2027, 5, 8)).toMatchObject({ kind: 'off', weekend: 'short' });
    expect(fallback.day(2027, 5, 9).weekend).toBeUndefined();
    expect(fallback.day(2027, 5, 15)).toMatchObject({ kind: 'off', weekend: 'working' });
  });
});

describe('ProductionCalendar for a year without a decree', () => {
  it('uses the Labour Code holidays, says so once, and marks the results unknown', () => {
    const unknown: number[] = [];
    const calendar = new ProductionCalendar(SHIPPED_CALENDARS, (year) => unknown.push(year));
    const days = ['2027-01-01', '2027-01-07', '2027-02-23', '2027-03-08', '2027-06-12', '2027-11-04'].map((date) => date.split('-').map(Number)).map(([y, m, d]) => calendar.day(y, m, d));
    expect(days.every((info) => info.kind === 'off' && !info.known)).toBe(true);
    expect(calendar.day(2027, 2, 22).kind).toBe('short');
    expect(calendar.day(2027, 1, 11).kind).toBe('working');
    expect(unknown).toEqual([2027]);
  });

  it('moves a holiday that falls on a weekend to the next working day', () => {
    const calendar = new ProductionCalendar([]);
    // 9 May 2027 is a Sunday: Monday 10 May rests instead.
    expect(calendar.day(2027, 5, 10)).toEqual({ kind: 'off', hoursOf: 1, known: false });
    expect(calendar.day(2027, 5, 11).kind).toBe('working');
  });

  it('matches the real 2026 calendar on every fixed holiday when used as a fallback', () => {
    const fallback = new ProductionCalendar([]);
    const real = new ProductionCalendar();
    for (const [m, d] of [
      [1, 1],
      [1, 7],
      [2, 23],
      [3, 9],
      [5, 1],
      [5, 11],
      [6, 12],
      [11, 4],
    ]) {
      expect([m, d, fallback.day(2026, m, d).kind]).toEqual([m, d, real.day(2026, m, d).kind]);
    }
  });
});
