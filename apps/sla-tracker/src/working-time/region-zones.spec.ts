import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { sharedDataDir } from '@otklik/config';
import { regionZone } from './region-zones';
import { ZonedTime } from './zoned-time';

describe('region zones', () => {
  const rows = readFileSync(path.join(sharedDataDir(), 'regions', 'region.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','))
    .map((cells) => ({ name: cells[0], oktmo: cells[7], utc: cells[11] }));

  it('covers every region in the reference list', () => {
    expect(rows.length).toBeGreaterThan(80);
    expect(rows.filter((r) => !regionZone(r.oktmo)).map((r) => r.name)).toEqual([]);
  });

  it('gives each region the UTC offset the reference list states today', () => {
    const now = Date.parse('2025-06-01T00:00:00Z');
    const wrong = rows
      .map((r) => ({ ...r, hours: new ZonedTime(regionZone(r.oktmo) ?? 'UTC').offsetAt(now) / 3_600_000 }))
      .filter((r) => `UTC+${r.hours}` !== r.utc)
      .map((r) => `${r.name}: ${r.utc} vs UTC+${r.hours}`);
    expect(wrong).toEqual([]);
  });
});
