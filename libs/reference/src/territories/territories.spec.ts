import { isTerritoryCode } from '@otklik/contracts';
import { TERRITORIES, territoryByCode } from './territories';

describe('territories', () => {
  it('knows all 18 districts of St Petersburg', () => {
    expect([...TERRITORIES.values()].filter((t) => t.region === '40000000' && t.code !== '40000000')).toHaveLength(18);
  });

  it('names every territory with a code of the one scheme: OKTMO where known, else local', () => {
    expect([...TERRITORIES.keys()].filter((code) => !isTerritoryCode(code))).toEqual([]);
    expect(territoryByCode('40:nevsky')).toEqual({ code: '40:nevsky', name: 'Невский', region: '40000000' });
    expect(territoryByCode('38701000')).toMatchObject({ code: '38701000', region: '38000000' });
  });

  it('resolves the code of a place inside a territory to the most specific territory that holds it', () => {
    expect(territoryByCode('40:nevsky:rybatskoe')?.code).toBe('40:nevsky');
    expect(territoryByCode('40:nevsky:ulyanka-not-listed')?.code).toBe('40:nevsky');
    expect(territoryByCode('38608101')?.code).toBe('38608000');
    expect(territoryByCode('99:nowhere')).toBeUndefined();
  });

  it('reads the legacy ISO-based codes that older events and sources carry', () => {
    expect(territoryByCode('RU-SPE:nevsky')?.code).toBe('40:nevsky');
    expect(territoryByCode('RU-SPE')?.code).toBe('40000000');
    expect(territoryByCode('RU-KRS:kursk.seymsky')?.code).toBe('38:kursk:seymsky');
  });
});
