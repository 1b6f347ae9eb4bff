import { AgencyDirectory } from '../agencies/agency-directory';
import { TerritoryDirectory } from '../territories/territory-directory';
import { rule, TINY_AGENCIES, TINY_TERRITORIES } from '../testing/fixtures';
import { RuleEngine, RuleInput } from './rule-engine';
import { RoutingRule } from './routing-rule.model';

const directory = new AgencyDirectory(TINY_AGENCIES, new TerritoryDirectory(TINY_TERRITORIES));
const engine = (rules: RoutingRule[]): RuleEngine => new RuleEngine(rules, directory);
const input = (extra: Partial<RuleInput> = {}): RuleInput => ({
  topicCode: 'landscaping.snow_ice',
  territoryCode: '40:nevsky:rybatskoe',
  text: 'Не убран снег во дворе',
  urgency: 'normal',
  at: new Date('2026-01-20T10:00:00Z'),
  ...extra,
});

describe('rule engine', () => {
  it('matches topic × territory, resolves @kind locally and explains itself', () => {
    const { matches } = engine([rule(12, ['landscaping'], ['40:nevsky'], '@housing_agency', { title: 'Благоустройство Невского', coExecutors: ['@district_administration'] })]).evaluate(input());
    expect(matches).toHaveLength(1);
    expect(matches[0].agency.id).toBe('zha-nevsky');
    expect(matches[0].coExecutors.map((a) => a.id)).toEqual(['adm-nevsky']);
    expect(matches[0].explanation).toBe('правило 12 «Благоустройство Невского»: Уборка снега и наледи × Невский район → ЖА Невского района; соисполнители: Администрация Невского района');
  });

  it('does not match another topic or a territory outside the rule', () => {
    expect(engine([rule(1, ['housing'], ['40000000'], 'vodokanal')]).evaluate(input()).matches).toHaveLength(0);
    expect(engine([rule(1, ['landscaping'], ['40:tsentralny'], 'ckb')]).evaluate(input()).matches).toHaveLength(0);
  });

  it('ranks by priority, then topic specificity, then territory depth', () => {
    const rules = [
      rule(1, ['landscaping'], ['40000000'], 'ckb', { priority: 0 }),
      rule(2, ['landscaping.snow_ice'], ['40000000'], 'adm-nevsky', { priority: 0 }),
      rule(3, ['landscaping.snow_ice'], ['40:nevsky'], 'zha-nevsky', { priority: 0 }),
      rule(4, ['*'], ['40000000'], 'vodokanal', { priority: 5 }),
    ];
    expect(
      engine(rules)
        .evaluate(input())
        .matches.map((m) => m.rule.id),
    ).toEqual([4, 3, 2, 1]);
    expect(
      engine(rules.slice(0, 3))
        .evaluate(input())
        .matches.map((m) => m.rule.id),
    ).toEqual([3, 2, 1]);
  });

  it('applies keyword rules only when a keyword stem occurs and no excluded one does', () => {
    const rules = [rule(7, ['landscaping.snow_ice'], ['40000000'], 'zha-nevsky', { keywords: ['сосул', 'налед на крыш'], excludeKeywords: ['гараж'] })];
    expect(engine(rules).evaluate(input()).matches).toHaveLength(0);
    const hit = engine(rules).evaluate(input({ text: 'Огромные сосульки над входом' })).matches[0];
    expect(hit.keyword).toBe('сосул');
    expect(hit.explanation).toContain('(слово «сосул»)');
    expect(engine(rules).evaluate(input({ text: 'Наледь на крыше подъезда' })).matches).toHaveLength(1);
    expect(engine(rules).evaluate(input({ text: 'сосульки на крыше гаража' })).matches).toHaveLength(0);
  });

  it('respects validity dates in the territory zone and urgency filters', () => {
    const dated = [rule(8, ['landscaping'], ['40000000'], 'ckb', { validFrom: '2026-01-21', validTo: '2026-03-31' })];
    // 21:30 UTC on the 20th is already the 21st in Moscow.
    expect(engine(dated).evaluate(input({ at: new Date('2026-01-20T20:30:00Z') })).matches).toHaveLength(0);
    expect(engine(dated).evaluate(input({ at: new Date('2026-01-20T21:30:00Z') })).matches).toHaveLength(1);
    expect(engine(dated).evaluate(input({ at: new Date('2026-04-01T10:00:00Z') })).matches).toHaveLength(0);
    const urgent = [rule(9, ['landscaping'], ['40000000'], 'ckb', { urgencies: ['emergency'] })];
    expect(engine(urgent).evaluate(input()).matches).toHaveLength(0);
    expect(engine(urgent).evaluate(input({ urgency: 'emergency' })).matches).toHaveLength(1);
  });

  it('ignores disabled rules', () => {
    expect(engine([rule(1, ['landscaping'], ['40000000'], 'ckb', { enabled: false })]).evaluate(input()).matches).toHaveLength(0);
  });

  it('reports a conflict when equal-rank rules name different agencies', () => {
    const result = engine([rule(1, ['landscaping'], ['40000000'], 'ckb'), rule(2, ['landscaping'], ['40000000'], 'adm-nevsky')]).evaluate(input());
    expect(result.conflict?.map((m) => m.rule.id)).toEqual([1, 2]);
    const same = engine([rule(1, ['landscaping'], ['40000000'], 'ckb'), rule(2, ['landscaping'], ['40000000'], 'ckb')]).evaluate(input());
    expect(same.conflict).toBeUndefined();
  });

  it('reports a rule whose @kind has no agency on the territory', () => {
    const result = engine([rule(5, ['landscaping'], ['40000000'], '@school')]).evaluate(input());
    expect(result.matches).toHaveLength(0);
    expect(result.unresolved).toEqual([{ rule: expect.objectContaining({ id: 5 }), ref: '@school' }]);
  });
});
