import data from './territories.v1.json';

/** A known territory: a city district, a municipal district, an urban okrug or a region. */
export interface Territory {
  readonly code: string;
  readonly name: string;
  /** ISO 3166-2 code of the region, e.g. `RU-SPE`. */
  readonly region: string;
}

/** A pattern that names a territory in folded text. */
export interface TerritoryPattern {
  readonly territory: Territory;
  readonly pattern: RegExp;
  /** District names ("в Невском районе") outrank bare settlement names. */
  readonly strength: number;
}

const WORD_START = '(?<![а-яa-z0-9-])';
const ADJECTIVE_ENDINGS = '(?:ий|ый|ой|ого|ом|ому|им|ая)';
const DISTRICT_WORD = '(?:район|р-н|р-не|р-на|р\\.)';
const OKRUG_WORD = '(?:округ|окр\\.)';

/** Version of the territory data the extractor uses. */
export const TERRITORIES_VERSION = data.version;

/** Every territory the classifier can name, by code (regions included). */
export const TERRITORIES: ReadonlyMap<string, Territory> = (() => {
  const all = new Map<string, Territory>();
  for (const region of data.regions) {
    all.set(region.code, { code: region.code, name: region.name, region: region.code });
    for (const d of [...region.districts, ...region.okrugs]) all.set(d.code, { code: d.code, name: d.name, region: region.code });
    for (const s of region.settlements) if (!all.has(s.district)) all.set(s.district, { code: s.district, name: s.name, region: region.code });
  }
  return all;
})();

const CODE_ALIASES: ReadonlyMap<string, string> = new Map(Object.entries(data.codeAliases));

/**
 * The territory a code names: one of the classifier's own codes (`RU-SPE:nevsky`), or a code other
 * systems use for a place inside one (OKTMO `38701000`, the directory's `40:nevsky` or a municipal
 * okrug `40:nevsky:…`), resolved to the most specific known territory that contains it.
 */
export function territoryByCode(code: string): Territory | undefined {
  const own = TERRITORIES.get(code) ?? TERRITORIES.get(CODE_ALIASES.get(code) ?? '');
  if (own) return own;
  // A local sub-code (`40:nevsky:okrug-7`) not listed yet falls back to its listed parent.
  const cut = code.lastIndexOf(':');
  return cut > 0 ? territoryByCode(code.slice(0, cut)) : undefined;
}

function territory(code: string): Territory {
  const found = TERRITORIES.get(code);
  if (!found) throw new Error(`territory data names unknown code "${code}"`);
  return found;
}

/** Patterns for every territory, strongest first. */
export const TERRITORY_PATTERNS: readonly TerritoryPattern[] = data.regions
  .flatMap((region) => [
    ...region.districts.map((d) => ({ territory: territory(d.code), pattern: new RegExp(`${d.stem}${ADJECTIVE_ENDINGS}\\s+${DISTRICT_WORD}`), strength: 3 })),
    ...region.okrugs.map((o) => ({ territory: territory(o.code), pattern: new RegExp(`${o.stem}${ADJECTIVE_ENDINGS}\\s+${OKRUG_WORD}`), strength: 3 })),
    ...region.settlements.map((s) => ({ territory: territory(s.district), pattern: new RegExp(s.pattern), strength: 2 })),
    { territory: territory(region.code), pattern: new RegExp(region.namePattern), strength: 1 },
  ])
  .sort((a, b) => b.strength - a.strength);

/** Every pattern in one alternation, one capture group each: one pass over the text instead of one per territory. */
const COMBINED = new RegExp(`${WORD_START}(?:${TERRITORY_PATTERNS.map((p) => `(${p.pattern.source})`).join('|')})`, 'g');

/** The territory patterns that occur in folded text, strongest first. */
export function matchTerritories(folded: string): TerritoryPattern[] {
  const found = new Set<number>();
  COMBINED.lastIndex = 0;
  for (let m = COMBINED.exec(folded); m !== null; m = COMBINED.exec(folded)) {
    for (let g = 1; g < m.length; g++) {
      if (m[g] !== undefined) {
        found.add(g - 1);
        break;
      }
    }
  }
  return [...found].sort((a, b) => a - b).map((i) => TERRITORY_PATTERNS[i]);
}
