import { createEvent } from './validation';
import { TOPICS } from './topics';
import { isLegacyTerritoryCode, isTerritoryCode } from './territory-code';

const surge = { incidentIds: ['i1', 'i2'], topicCode: 'housing.heating', territoryCode: '40:nevsky', windowMinutes: 60, detectedAt: '2026-12-07T08:00:00.000Z' };

describe('territory codes', () => {
  it.each(['40000000', '38701000', '38608101', '40:nevsky', '40:nevsky:rybatskoe', '38:kursk:seymsky', '118:zapolyarny', '40:frunzensky:72'])('takes %s as a code of the one scheme', (code) => {
    expect(isTerritoryCode(code)).toBe(true);
  });

  it.each(['RU-SPE:nevsky', '4000000', '400000000', '40', 'nevsky', '40:Nevsky', '40:', '40:nevsky:', '40::nevsky', '40:невский', ''])('refuses %p', (code) => {
    expect(isTerritoryCode(code)).toBe(false);
  });

  it('recognises the legacy ISO-based form, which is read but never written', () => {
    expect(isLegacyTerritoryCode('RU-SPE:nevsky')).toBe(true);
    expect(isLegacyTerritoryCode('RU-KRS:kursk.seymsky')).toBe(true);
    expect(isLegacyTerritoryCode('40:nevsky')).toBe(false);
  });

  it('lets an event carry either form of the scheme or the legacy one, and names the field when it carries anything else', () => {
    for (const territoryCode of ['40:nevsky', '38701000', 'RU-SPE:nevsky']) expect(() => createEvent(TOPICS.incidentSurge, { ...surge, territoryCode })).not.toThrow();

    expect(() => createEvent(TOPICS.incidentSurge, { ...surge, territoryCode: 'Невский' })).toThrow(
      'payload.territoryCode: must be an OKTMO code (8 or 11 digits, e.g. 38701000) or a local code <region key>:<name> (e.g. 40:nevsky)',
    );
  });
});
