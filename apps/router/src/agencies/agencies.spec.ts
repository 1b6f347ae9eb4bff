import { RecordValidationError, validateRecords } from '../shared/validate-records';
import { TerritoryDirectory } from '../territories/territory-directory';
import { agency, seedData, TINY_AGENCIES, TINY_TERRITORIES } from '../testing/fixtures';
import { AgencyDto } from './agency.dto';
import { AgencyDirectory, AgencyDirectoryError } from './agency-directory';

describe('agency directory', () => {
  const seeds = seedData();
  const seeded = new AgencyDirectory(seeds.agencies, new TerritoryDirectory(seeds.territories));
  const tinyTerritories = new TerritoryDirectory(TINY_TERRITORIES);

  it('gives every St Petersburg district exactly one housing agency and one administration', () => {
    for (const district of seeded.territories.children('40000000')) {
      expect(seeded.nearestOfKind('housing_agency', district.code)?.territoryCode).toBe(district.code);
      expect(seeded.nearestOfKind('district_administration', district.code)?.territoryCode).toBe(district.code);
    }
  });

  it('finds the nearest agency of a kind from a territory deep inside', () => {
    expect(seeded.resolve('@housing_agency', '40:nevsky:rybatskoe')?.name).toBe('СПб ГКУ ЖА Невского района');
    expect(seeded.resolve('@municipal_administration', '38:kursk:seymsky')?.id).toBe('kursk-adm-seymsky');
    expect(seeded.resolve('@municipal_administration', '38634101')?.name).toBe('Администрация города Рыльска');
    expect(seeded.managementCentreFor('40:nevsky')?.id).toBe('spb-mc');
  });

  it('recognises an agency under another spelling of its name', () => {
    expect(seeded.byNameOrAlias('СПб ГКУ «Центр комплексного благоустройства»')?.id).toBe('spb-ckb');
    expect(seeded.byNameOrAlias('спб гку "центр комплексного благоустройства"')?.id).toBe('spb-ckb');
    expect(seeded.byNameOrAlias('ГКУ ДОДД (Центральный район)')?.id).toBe('spb-dodd');
  });

  it('chooses no agency when two of one kind serve the same territory', () => {
    const dir = new AgencyDirectory([...TINY_AGENCIES, agency('zha-nevsky-2', 'housing_agency', '40:nevsky', ['housing'])], tinyTerritories);
    expect(dir.nearestOfKind('housing_agency', '40:nevsky')).toBeUndefined();
    expect(dir.nearestOfKind('housing_agency', '40:tsentralny')?.id).toBe('zha-tsentralny');
  });

  it('skips inactive agencies when resolving', () => {
    const dir = new AgencyDirectory(
      TINY_AGENCIES.map((a) => (a.id === 'ckb' ? { ...a, active: false } : a)),
      tinyTerritories,
    );
    expect(dir.resolve('ckb', '40:nevsky')).toBeUndefined();
    expect(dir.competentFor('roads.surface', '40:nevsky').map((a) => a.id)).toEqual(['adm-nevsky']);
  });

  it('lists competent agencies nearest first', () => {
    const dir = new AgencyDirectory(TINY_AGENCIES, tinyTerritories);
    expect(dir.competentFor('landscaping.snow_ice', '40:nevsky:rybatskoe').map((a) => a.id)).toEqual(['adm-nevsky', 'zha-nevsky', 'ckb']);
  });

  it('refuses an unknown territory, a name used twice and a parent cycle', () => {
    expect(() => new AgencyDirectory([agency('x', 'utility', 'nowhere', [])], tinyTerritories)).toThrow(/agency x: territoryCode: unknown territory nowhere/);
    expect(() => new AgencyDirectory([agency('x', 'utility', '40000000', [], { name: 'Один' }), agency('y', 'utility', '40000000', [], { name: 'ОДИН' })], tinyTerritories)).toThrow(
      AgencyDirectoryError,
    );
    const a = agency('a', 'utility', '40000000', [], { parentId: 'b', name: 'A' });
    const b = agency('b', 'utility', '40000000', [], { parentId: 'a', name: 'B' });
    expect(() => new AgencyDirectory([a, b], tinyTerritories)).toThrow(/cycle/);
  });

  it('validates agency records naming the bad fields', () => {
    const bad = { ...TINY_AGENCIES[1], id: 'Bad Id', kind: 'ministry', workingHours: { days: [{ weekdays: [8], from: '25:00', to: '18:00' }] }, topicCodes: ['Housing'] };
    let issues: string[] = [];
    try {
      validateRecords('agencies.json', [bad], AgencyDto);
    } catch (error) {
      issues = (error as RecordValidationError).issues;
    }
    expect(issues.map((i) => i.split(':')[0]).sort()).toEqual(['[0].id', '[0].kind', '[0].topicCodes', '[0].workingHours.days.0.from', '[0].workingHours.days.0.weekdays']);
  });

  describe('escalation recipients', () => {
    const head = { channel: 'email' as const, address: 'head@zha.test' };
    const deputy = { channel: 'telegram' as const, address: '-1001', name: 'заместитель губернатора' };
    const supervisor = { channel: 'email' as const, address: 'supervisor@mc.test' };
    const agencies = TINY_AGENCIES.map((a) =>
      a.id === 'mc'
        ? { ...a, escalation: { supervisor: [supervisor], deputy_governor: [{ channel: 'email' as const, address: 'governor-office@mc.test' }] } }
        : a.id === 'adm-nevsky'
          ? { ...a, escalation: { agency_head: [{ channel: 'email' as const, address: 'head@adm.test' }], deputy_governor: [deputy] } }
          : a.id === 'zha-nevsky'
            ? { ...a, parentId: 'adm-nevsky', escalation: { agency_head: [head] } }
            : a,
    );
    const dir = new AgencyDirectory(agencies, tinyTerritories);
    const of = (id: string) => {
      const found = dir.get(id);
      if (!found) throw new Error(id);
      return dir.escalationOf(found);
    };

    it("takes each step's own recipients: the agency's head, the centre's supervisor, the nearest parent's deputy governor", () => {
      expect(of('zha-nevsky')).toEqual([
        { role: 'agency_head', ...head },
        { role: 'supervisor', ...supervisor },
        { role: 'deputy_governor', ...deputy },
      ]);
    });

    it("never takes a parent's head for the agency's own, and falls back to the management centre", () => {
      expect(of('zha-tsentralny')).toEqual([
        { role: 'supervisor', ...supervisor },
        { role: 'deputy_governor', channel: 'email', address: 'governor-office@mc.test' },
      ]);
    });

    it('validates escalation recipients naming the field', () => {
      const bad = { ...TINY_AGENCIES[1], escalation: { supervisor: [{ channel: 'fax', address: '' }], mayor: [] } };
      let issues: string[] = [];
      try {
        validateRecords('agencies.json', [bad], AgencyDto);
      } catch (error) {
        issues = (error as RecordValidationError).issues;
      }
      expect(issues.map((i) => i.split(':')[0]).sort()).toEqual(['[0].escalation.mayor', '[0].escalation.supervisor.0.address', '[0].escalation.supervisor.0.channel']);
    });
  });

  it('has a seed agency for every organisation that answered St Petersburg appeals and for Kursk agencies', () => {
    for (const name of [
      'СПб ГКУ ЖА Невского района',
      'ГУП «Водоканал Санкт-Петербурга»',
      'ГУП «ТЭК СПб»',
      'Комитет по благоустройству Санкт-Петербурга',
      'Комитет дорожного хозяйства города Курска',
    ]) {
      expect(seeded.byNameOrAlias(name)).toBeDefined();
    }
  });
});
