import { TERRITORIES, territoryByCode } from './territories';

describe('territories', () => {
  it('knows all 18 districts of St Petersburg', () => {
    expect([...TERRITORIES.values()].filter((t) => t.region === 'RU-SPE' && t.code !== 'RU-SPE')).toHaveLength(18);
  });

  it("resolves the directory's district and okrug codes and OKTMO codes to its own territories", () => {
    expect(territoryByCode('40:nevsky')?.code).toBe('RU-SPE:nevsky');
    expect(territoryByCode('40:nevsky:ulyanka-not-listed')?.code).toBe('RU-SPE:nevsky');
    expect(territoryByCode('40000000')?.code).toBe('RU-SPE');
    expect(territoryByCode('38701000')?.code).toBe('RU-KRS:kursk');
    expect(territoryByCode('99:nowhere')).toBeUndefined();
  });
});
