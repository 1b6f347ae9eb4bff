import { REGIONS, regionKeyOf, regionOf } from './regions';

describe('regions', () => {
  it('lists every region once, each with its keys and zone', () => {
    expect(REGIONS).toHaveLength(86);
    expect(new Set(REGIONS.map((r) => regionKeyOf(r.code))).size).toBe(86);
    expect(REGIONS.filter((r) => !r.timeZone || !/^[A-Z]{2}-[A-Z0-9]{1,3}$/.test(r.isoCode) || !/^\d{2}$/.test(r.subjectCode))).toEqual([]);
  });

  it('keys a region by its OKTMO code without trailing zeros', () => {
    expect(regionKeyOf('40000000')).toBe('40');
    expect(regionKeyOf('11800000')).toBe('118');
  });

  it('finds a region by its key, its OKTMO code or the territory code of a place in it', () => {
    expect(regionOf('40')).toMatchObject({ isoCode: 'RU-SPE', subjectCode: '78', timeZone: 'Europe/Moscow' });
    expect(regionOf('40000000')?.isoCode).toBe('RU-SPE');
    expect(regionOf('118')?.isoCode).toBe('RU-NEN');
    expect(regionOf('11')?.isoCode).toBe('RU-ARK');
    expect(regionOf('38701000')?.isoCode).toBe('RU-KRS');
    expect(regionOf('11811000')?.isoCode).toBe('RU-NEN');
    expect(regionOf('40:nevsky:rybatskoe')?.isoCode).toBe('RU-SPE');
  });

  it('reads the legacy ISO-based codes that older events carry, and nothing else', () => {
    expect(regionOf('RU-SPE:nevsky')?.code).toBe('40000000');
    expect(regionOf('RU-XXX')).toBeUndefined();
    expect(regionOf('nevsky')).toBeUndefined();
  });
});
