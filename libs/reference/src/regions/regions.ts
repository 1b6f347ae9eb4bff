import data from './regions.v1.json';

/** A region of Russia (a federal subject) as the reference list has it. */
export interface Region {
  /** OKTMO code, e.g. `40000000` for St Petersburg. */
  readonly code: string;
  /** Official name, e.g. «г Санкт-Петербург». */
  readonly name: string;
  /** The local word for the unit: «край», «обл», «г», … */
  readonly localType: string;
  /** IANA time zone of the region's capital. */
  readonly timeZone: string;
  /** Other names people use: «Санкт-Петербург». */
  readonly aliases: readonly string[];
  /** Two-digit subject code used in incident numbers (78 = St Petersburg). */
  readonly subjectCode: string;
  /** ISO 3166-2 code, e.g. `RU-SPE`; territory codes do not use it (see `@otklik/contracts`' territory-code). */
  readonly isoCode: string;
  readonly federalDistrict: string;
}

/** Russia's regions, by OKTMO code (written by apps/router/scripts/convert-regions.ts). */
export const REGIONS: readonly Region[] = data;

/**
 * A region's key: its OKTMO code without the trailing zeros, at least two digits — `40` for
 * St Petersburg, `118` for the Nenets okrug (which shares `11` with Arkhangelsk oblast).
 */
export function regionKeyOf(regionOktmo: string): string {
  return regionOktmo.replace(/0+$/, '').padEnd(2, '0');
}

const BY_KEY: ReadonlyMap<string, Region> = new Map(REGIONS.map((r) => [regionKeyOf(r.code), r]));
const BY_ISO: ReadonlyMap<string, Region> = new Map(REGIONS.map((r) => [r.isoCode, r]));

/**
 * The region a code names: a region key (`40`, `118`), a territory code of a region or of a place
 * inside one (OKTMO `40000000`, `38701000`; local `40:nevsky`), or a legacy ISO-based code
 * (`RU-SPE:nevsky`); `undefined` for a code of no known region.
 */
export function regionOf(code: string): Region | undefined {
  if (/^RU-[A-Z]+/.test(code)) return BY_ISO.get(code.split(':')[0]);
  const lead = code.split(':')[0];
  if (!/^\d{2,}$/.test(lead)) return undefined;
  // An autonomous okrug's places carry its three-digit key (`118…` Nenets) inside its oblast's two (`11`).
  return BY_KEY.get(lead) ?? BY_KEY.get(regionKeyOf(lead)) ?? BY_KEY.get(lead.slice(0, 3)) ?? BY_KEY.get(lead.slice(0, 2));
}
