import { TERRITORIES, TERRITORY_REGIONS, type Territory } from '@otklik/reference';

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

function territory(code: string): Territory {
  const found = TERRITORIES.get(code);
  if (!found) throw new Error(`territory data names unknown code "${code}"`);
  return found;
}

/** Patterns for every territory, strongest first. */
export const TERRITORY_PATTERNS: readonly TerritoryPattern[] = TERRITORY_REGIONS.flatMap((region) => [
  ...region.districts.map((d) => ({ territory: territory(d.code), pattern: new RegExp(`${d.stem}${ADJECTIVE_ENDINGS}\\s+${DISTRICT_WORD}`), strength: 3 })),
  ...region.okrugs.map((o) => ({ territory: territory(o.code), pattern: new RegExp(`${o.stem}${ADJECTIVE_ENDINGS}\\s+${OKRUG_WORD}`), strength: 3 })),
  ...region.settlements.map((s) => ({ territory: territory(s.district), pattern: new RegExp(s.pattern), strength: 2 })),
  { territory: territory(region.code), pattern: new RegExp(region.namePattern), strength: 1 },
]).sort((a, b) => b.strength - a.strength);

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
