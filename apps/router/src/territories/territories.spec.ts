import { regionKeyOf } from '@otklik/reference';
import { TerritoryDirectory, TerritoryDirectoryError } from './territory-directory';
import { offsetMinutes, yearIn } from '../shared/time-zone';
import { seedData, TINY_TERRITORIES } from '../testing/fixtures';

describe('territory directory', () => {
  const seeded = new TerritoryDirectory(seedData().territories);

  it('holds every region of Russia from the seed, each with a zone matching its offset', () => {
    const regions = seeded.all().filter((t) => t.kind === 'region');
    expect(regions).toHaveLength(86);
    for (const region of regions) expect(region.timeZone).toBeDefined();
    expect(seeded.get('27000000')?.timeZone).toBe('Europe/Kaliningrad');
    expect(offsetMinutes('Asia/Kamchatka', new Date('2026-01-15T00:00:00Z'))).toBe(720);
  });

  it("has St Petersburg's 18 districts and Kursk region's 28 municipal districts and 5 urban okrugs", () => {
    expect(seeded.children('40000000').filter((t) => t.kind === 'district')).toHaveLength(18);
    const kursk = seeded.children('38000000');
    expect(kursk.filter((t) => t.localType === 'муниципальный район')).toHaveLength(28);
    expect(kursk.filter((t) => t.localType === 'городской округ')).toHaveLength(5);
  });

  it('resolves a district by its short name inside a region, and prefers it over a namesake okrug', () => {
    expect(seeded.resolve({ name: 'Невский', regionKey: '40' })?.code).toBe('40:nevsky');
    expect(seeded.resolve({ name: 'Невский район', regionKey: '40' })?.code).toBe('40:nevsky');
    expect(seeded.resolve({ name: 'Колпино', regionKey: '40' })?.code).toBe('40:kolpinsky:kolpino');
  });

  it('leaves a name shared by two regions unresolved unless the region is given', () => {
    expect(seeded.resolve({ name: 'Центральный' })).toBeUndefined();
    expect(seeded.resolve({ name: 'Центральный', regionKey: '38' })?.code).toBe('38:kursk:tsentralny');
  });

  it('prefers a known code over the name', () => {
    expect(seeded.resolve({ territoryCode: '38701000', name: 'Невский' })?.name).toBe('город Курск');
  });

  it('knows the path up to the region, containment, the region key and the inherited zone', () => {
    const dir = new TerritoryDirectory(TINY_TERRITORIES);
    expect(dir.pathOf('40:nevsky:rybatskoe')).toEqual(['40:nevsky:rybatskoe', '40:nevsky', '40000000']);
    expect(dir.isWithin('40:nevsky:rybatskoe', '40:nevsky')).toBe(true);
    expect(dir.isWithin('40:tsentralny', '40:nevsky')).toBe(false);
    expect(dir.regionKeyOf('40:nevsky:rybatskoe')).toBe('40');
    expect(dir.timeZoneOf('40:nevsky:rybatskoe')).toBe('Europe/Moscow');
  });

  it('keys regions by OKTMO without trailing zeros, keeping autonomous okrugs apart', () => {
    expect(regionKeyOf('40000000')).toBe('40');
    expect(regionKeyOf('10000000')).toBe('10');
    expect(regionKeyOf('11800000')).toBe('118');
    expect(new TerritoryDirectory(seedData().territories).regionByKey('118')?.name).toBe('Ненецкий АО');
  });

  it('refuses an unknown parent, a duplicate code and a cycle, naming the territory and field', () => {
    const region = TINY_TERRITORIES[0];
    expect(() => new TerritoryDirectory([region, { ...TINY_TERRITORIES[1], parentCode: 'nowhere' }])).toThrow(/40:nevsky: parentCode: unknown parent nowhere/);
    expect(() => new TerritoryDirectory([region, region])).toThrow(TerritoryDirectoryError);
    const a = { ...TINY_TERRITORIES[1], code: 'a', parentCode: 'b' };
    const b = { ...TINY_TERRITORIES[1], code: 'b', parentCode: 'a' };
    expect(() => new TerritoryDirectory([a, b])).toThrow(/cycle/);
  });

  it('counts the year in the region zone', () => {
    const at = new Date('2025-12-31T15:30:00Z');
    expect(yearIn(at, 'Asia/Vladivostok')).toBe(2026);
    expect(yearIn(at, 'Europe/Moscow')).toBe(2025);
  });
});

describe('territory codes of other systems', () => {
  const seeded = new TerritoryDirectory(seedData().territories);

  it("resolves the classifier's codes and regions' ISO codes to the directory's territories", () => {
    expect(seeded.resolve({ territoryCode: 'RU-SPE:nevsky' })?.code).toBe('40:nevsky');
    expect(seeded.resolve({ territoryCode: 'RU-KRS:kursk.seymsky' })?.code).toBe('38:kursk:seymsky');
    expect(seeded.resolve({ territoryCode: 'RU-KRS:fatezhsky' })?.code).toBe('38644000');
    expect(seeded.resolve({ territoryCode: 'RU-SPE' })?.code).toBe('40000000');
  });

  it('refuses an alias code that already names another territory', () => {
    const [region, nevsky, tsentralny] = TINY_TERRITORIES;
    expect(() => new TerritoryDirectory([region, { ...nevsky, codeAliases: ['X'] }, { ...tsentralny, codeAliases: ['X'] }])).toThrow(/codeAliases: X already names/);
  });
});
