import data from './territories.v2.json';

/** A known territory: a city district, a municipal district, an urban okrug or a region. */
export interface Territory {
  /** Its territory code (see `@otklik/contracts`' territory-code): OKTMO `38701000`, local `40:nevsky`; a region's is its OKTMO code. */
  readonly code: string;
  readonly name: string;
  /** Territory code of the region it lies in, e.g. `40000000`. */
  readonly region: string;
}

/** A district, municipal district or urban okrug as the data lists it, with the stem its adjective is built on. */
export interface NamedUnitData {
  readonly code: string;
  readonly name: string;
  readonly stem: string;
}

/** A settlement and the district it lies in, with a pattern that matches its name in folded text. */
export interface SettlementData {
  readonly district: string;
  readonly name: string;
  readonly pattern: string;
}

/** A region as the territory data lists it. */
export interface RegionData {
  readonly code: string;
  readonly name: string;
  /** Pattern of the region's name in folded text (lower case, ё→е). */
  readonly namePattern: string;
  readonly districts: readonly NamedUnitData[];
  readonly okrugs: readonly NamedUnitData[];
  readonly settlements: readonly SettlementData[];
}

/** The regions of the territory data, for code that recognises their names in text. */
export const TERRITORY_REGIONS: readonly RegionData[] = data.regions;

/** Version of the territory data. */
export const TERRITORIES_VERSION = data.version;

/** Every known territory, by code (regions included). */
export const TERRITORIES: ReadonlyMap<string, Territory> = (() => {
  const all = new Map<string, Territory>();
  for (const region of TERRITORY_REGIONS) {
    all.set(region.code, { code: region.code, name: region.name, region: region.code });
    for (const d of [...region.districts, ...region.okrugs]) all.set(d.code, { code: d.code, name: d.name, region: region.code });
    for (const s of region.settlements) if (!all.has(s.district)) all.set(s.district, { code: s.district, name: s.name, region: region.code });
  }
  return all;
})();

const CODE_ALIASES: ReadonlyMap<string, string> = new Map(Object.entries(data.codeAliases));

/**
 * The territory a code names: one of the data's own codes (`40:nevsky`, `38701000`), or another
 * code of a place inside one (a settlement's OKTMO `38608101`, a municipal okrug `40:nevsky:…`, the
 * territories-1 form `RU-SPE:nevsky`), resolved to the most specific known territory that contains it.
 */
export function territoryByCode(code: string): Territory | undefined {
  const own = TERRITORIES.get(code) ?? TERRITORIES.get(CODE_ALIASES.get(code) ?? '');
  if (own) return own;
  // A local sub-code (`40:nevsky:okrug-7`) not listed yet falls back to its listed parent.
  const cut = code.lastIndexOf(':');
  return cut > 0 ? territoryByCode(code.slice(0, cut)) : undefined;
}
