/**
 * Writes libs/reference/src/regions/regions.v1.json — Russia's regions as facts (OKTMO code, name,
 * subject code, ISO code, IANA zone), which the router's directory and the SLA tracker's working
 * time both read — from the reference `regions/region.csv`.
 *
 *   npx node -r @swc-node/register apps/router/scripts/convert-regions.ts [--data <region.csv>]
 *
 * The CSV gives a UTC offset; the zone is the IANA zone of the region's capital (a fact kept
 * below), checked against that offset so that a wrong entry stops the conversion.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { argument } from './cli-args';
import { parseCsvObjects } from '@otklik/csv';
import { sharedDataDir } from '@otklik/config';
import { formatRecords } from '../src/shared/json-records';
import { offsetMinutes } from '../src/shared/time-zone';
import type { Region } from '@otklik/reference';

/** Zone of each offset where the region keeps the zone named after that offset's main city. */
const ZONE_BY_OFFSET: Readonly<Record<string, string>> = {
  'UTC+2': 'Europe/Kaliningrad',
  'UTC+3': 'Europe/Moscow',
  'UTC+4': 'Europe/Samara',
  'UTC+5': 'Asia/Yekaterinburg',
  'UTC+6': 'Asia/Omsk',
  'UTC+7': 'Asia/Krasnoyarsk',
  'UTC+8': 'Asia/Irkutsk',
  'UTC+9': 'Asia/Yakutsk',
  'UTC+10': 'Asia/Vladivostok',
  'UTC+11': 'Asia/Magadan',
  'UTC+12': 'Asia/Kamchatka',
};

/** Regions (by OKTMO) whose capital has an IANA zone of its own (their offsets moved apart in the past). */
const OWN_ZONES: Readonly<Record<string, string>> = {
  '12000000': 'Europe/Astrakhan',
  '18000000': 'Europe/Volgograd',
  '63000000': 'Europe/Saratov',
  '73000000': 'Europe/Ulyanovsk',
  '33000000': 'Europe/Kirov',
  '01000000': 'Asia/Barnaul',
  '84000000': 'Asia/Barnaul',
  '50000000': 'Asia/Novosibirsk',
  '69000000': 'Asia/Tomsk',
  '32000000': 'Asia/Novokuznetsk',
  '76000000': 'Asia/Chita',
  '64000000': 'Asia/Sakhalin',
  '77000000': 'Asia/Anadyr',
  '35000000': 'Europe/Simferopol',
  '67000000': 'Europe/Simferopol',
  '55000000': 'Asia/Qyzylorda',
};

function offsetOf(label: string): number {
  const m = /^UTC([+-])(\d{1,2})$/.exec(label);
  if (!m) throw new Error(`unexpected timezone "${label}"`);
  return (m[1] === '-' ? -1 : 1) * Number(m[2]) * 60;
}

function convert(csvFile: string): Region[] {
  const now = new Date();
  return parseCsvObjects(readFileSync(csvFile, 'utf8'))
    .map((row): Region => {
      const code = row.oktmo;
      if (!/^\d{8}$/.test(code)) throw new Error(`${row.name}: OKTMO "${code}" is not 8 digits`);
      const zone = OWN_ZONES[code] ?? ZONE_BY_OFFSET[row.timezone];
      if (!zone) throw new Error(`${row.name}: no zone for ${row.timezone}`);
      if (offsetMinutes(zone, now) !== offsetOf(row.timezone)) throw new Error(`${row.name}: ${zone} is not ${row.timezone} today`);
      return {
        code,
        name: row.name_with_type,
        localType: row.type,
        timeZone: zone,
        aliases: [row.name],
        subjectCode: row.kladr_id.slice(0, 2),
        isoCode: row.iso_code,
        federalDistrict: row.federal_district,
      };
    })
    .sort((a, b) => a.code.localeCompare(b.code));
}

const source = argument('data') ?? path.join(sharedDataDir(), 'regions/region.csv');
const target = path.resolve(__dirname, '../../../libs/reference/src/regions/regions.v1.json');
const regions = convert(source);
writeFileSync(target, formatRecords(regions));
console.log(`${regions.length} regions → ${path.relative(process.cwd(), target)}`);
