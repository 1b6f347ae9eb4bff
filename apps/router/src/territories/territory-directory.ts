import { normaliseText } from '../shared/text';
import { regionKeyOf } from '@otklik/reference';
import { Territory } from './territory.model';

/** A directory that cannot be built as given; names the territory and the field. */
export class TerritoryDirectoryError extends Error {
  constructor(
    readonly code: string,
    readonly field: string,
    message: string,
  ) {
    super(`territory ${code}: ${field}: ${message}`);
    this.name = 'TerritoryDirectoryError';
  }
}

/** What a post says about its place, as the classifier passes it on. */
export interface PlaceQuery {
  territoryCode?: string;
  name?: string;
  /** Restricts a name lookup to one region (its key, e.g. `40`). */
  regionKey?: string;
}

// Words that name the kind of unit, dropped so that «Невский район», «Невский р-н» and
// «Невский» meet on one key.
const UNIT_WORDS = new Set(['район', 'р', 'н', 'г', 'город', 'городской', 'округ', 'муниципальный', 'мо', 'поселок', 'п', 'пос', 'область', 'обл', 'края', 'край', 'республика', 'респ']);

/** Key under which a territory name is looked up. */
export function nameKey(name: string): string {
  return normaliseText(name)
    .split(' ')
    .filter((w) => w !== '' && !UNIT_WORDS.has(w))
    .join(' ');
}

/**
 * Russia's territories as a hierarchy held in memory: lookups by code and name, ancestors,
 * containment. Rebuilt whenever the stored directory changes; it is small (thousands of rows).
 */
export class TerritoryDirectory {
  private readonly byCode = new Map<string, Territory>();
  private readonly byAltCode = new Map<string, Territory>();
  private readonly byName = new Map<string, Territory[]>();
  private readonly paths = new Map<string, readonly string[]>();

  constructor(territories: readonly Territory[]) {
    for (const territory of territories) {
      if (this.byCode.has(territory.code)) throw new TerritoryDirectoryError(territory.code, 'code', 'listed twice');
      this.byCode.set(territory.code, territory);
    }
    for (const territory of territories) {
      for (const alt of [...(territory.codeAliases ?? []), ...(territory.isoCode ? [territory.isoCode] : [])]) {
        const other = this.byCode.get(alt) ?? this.byAltCode.get(alt);
        if (other && other !== territory) throw new TerritoryDirectoryError(territory.code, 'codeAliases', `${alt} already names ${other.code}`);
        this.byAltCode.set(alt, territory);
      }
    }
    for (const territory of territories) {
      this.paths.set(territory.code, this.buildPath(territory));
      for (const name of [territory.name, ...(territory.aliases ?? [])]) {
        const key = nameKey(name);
        if (key === '') continue;
        const list = this.byName.get(key) ?? [];
        if (!list.includes(territory)) list.push(territory);
        this.byName.set(key, list);
      }
    }
  }

  get size(): number {
    return this.byCode.size;
  }

  all(): Territory[] {
    return [...this.byCode.values()];
  }

  get(code: string): Territory | undefined {
    return this.byCode.get(code);
  }

  /** Codes from the territory itself up to its region. */
  pathOf(code: string): readonly string[] {
    return this.paths.get(code) ?? [];
  }

  /** True when `code` is `ancestor` or lies inside it. */
  isWithin(code: string, ancestor: string): boolean {
    return this.pathOf(code).includes(ancestor);
  }

  children(code: string): Territory[] {
    return this.all().filter((t) => t.parentCode === code);
  }

  /** The region a territory lies in. */
  regionOf(code: string): Territory | undefined {
    const path = this.pathOf(code);
    return path.length === 0 ? undefined : this.byCode.get(path[path.length - 1]);
  }

  /** Region key (`40`) of a territory's region. */
  regionKeyOf(code: string): string | undefined {
    const region = this.regionOf(code);
    return region ? regionKeyOf(region.code) : undefined;
  }

  /** Region by its key (`40`) or by its full OKTMO code. */
  regionByKey(key: string): Territory | undefined {
    return this.all().find((t) => t.kind === 'region' && (regionKeyOf(t.code) === key || t.code === key));
  }

  /** IANA zone of a territory: its own, else the nearest ancestor's. */
  timeZoneOf(code: string): string | undefined {
    for (const step of this.pathOf(code)) {
      const zone = this.byCode.get(step)?.timeZone;
      if (zone) return zone;
    }
    return undefined;
  }

  /** A territory by its code or one of its alias codes. */
  byAnyCode(code: string): Territory | undefined {
    return this.byCode.get(code) ?? this.byAltCode.get(code);
  }

  /**
   * The territory a place refers to: by code (or alias code) when the directory knows it, else by name (inside
   * the given region when one is named). Of several namesakes in one region the one highest in
   * the hierarchy wins — «Невский» is the district rather than its «Невский округ» — if it alone
   * is that high.
   */
  resolve(place: PlaceQuery): Territory | undefined {
    if (place.territoryCode) {
      const known = this.byAnyCode(place.territoryCode);
      if (known) return known;
    }
    if (!place.name) return undefined;
    let matches = this.byName.get(nameKey(place.name)) ?? [];
    if (place.regionKey) matches = matches.filter((t) => this.regionKeyOf(t.code) === place.regionKey);
    if (matches.length <= 1) return matches[0];
    // Namesakes in different regions stay ambiguous: the caller must say which region.
    if (new Set(matches.map((t) => this.regionKeyOf(t.code))).size > 1) return undefined;
    const depth = (t: Territory): number => this.pathOf(t.code).length;
    const top = Math.min(...matches.map(depth));
    const highest = matches.filter((t) => depth(t) === top);
    return highest.length === 1 ? highest[0] : undefined;
  }

  private buildPath(territory: Territory): string[] {
    const path = [territory.code];
    let current = territory;
    while (current.parentCode !== undefined) {
      const parent = this.byCode.get(current.parentCode);
      if (!parent) throw new TerritoryDirectoryError(current.code, 'parentCode', `unknown parent ${current.parentCode}`);
      if (path.includes(parent.code)) throw new TerritoryDirectoryError(territory.code, 'parentCode', 'the hierarchy has a cycle');
      path.push(parent.code);
      current = parent;
    }
    if (current.kind !== 'region') throw new TerritoryDirectoryError(territory.code, 'parentCode', `top of the hierarchy (${current.code}) is not a region`);
    return path;
  }
}
