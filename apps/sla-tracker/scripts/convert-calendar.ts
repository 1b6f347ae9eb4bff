/**
 * Converts the published production-calendar XML (<data>/calendar/ru/<year>/calendar.xml) into
 * Otklik's own per-year JSON under src/calendar/data/. Run after a new year's decree is published:
 *   npx node -r @swc-node/register apps/sla-tracker/scripts/convert-calendar.ts [dataDir]
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { sharedDataDir } from '@otklik/config';
import { parseCalendarXml } from '../src/calendar/calendar-xml';
import { fromXml } from '../src/calendar/calendar-convert';

const dataDir = process.argv[2] ?? sharedDataDir();
const sourceDir = path.join(dataDir, 'calendar', 'ru');
const outDir = path.resolve(__dirname, '../src/calendar/data');

const years = readdirSync(sourceDir)
  .filter((name) => /^\d{4}$/.test(name))
  .sort();
for (const year of years) {
  const file = path.join(sourceDir, year, 'calendar.xml');
  const data = fromXml(parseCalendarXml(readFileSync(file, 'utf8'), file));
  writeFileSync(path.join(outDir, `${year}.json`), `${JSON.stringify(data, null, 1)}\n`);
  console.log(`${year}: ${data.daysOff.length} days off, ${data.shortDays.length} short, ${data.workingWeekends.length} working weekend days`);
}
