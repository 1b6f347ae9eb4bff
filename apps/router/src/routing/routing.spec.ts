import { rule, tinyEngine, TINY_RULES } from '../testing/fixtures';
import { RoutingInput } from './routing.model';

const input = (extra: Partial<RoutingInput> = {}): RoutingInput => ({
  topicCode: 'landscaping.snow_ice',
  topicConfidence: 0.9,
  territoryCode: '40:nevsky',
  text: 'Не убран снег',
  urgency: 'normal',
  at: new Date('2026-01-20T10:00:00Z'),
  ...extra,
});

describe('routing engine', () => {
  it('lets a rule decide and still records what history suggested', () => {
    const engine = tinyEngine({ rules: [...TINY_RULES, rule(3, ['landscaping.snow_ice'], ['40000000'], 'ckb', { title: 'Снег — ЦКБ' })] });
    const outcome = engine.decide(input());
    expect(outcome.kind).toBe('agency');
    expect(outcome.decision).toMatchObject({ method: 'rule', ruleId: '3', agencyId: 'ckb', confidence: 1 });
    expect(outcome.decision?.explanation).toMatch(/^правило 3 «Снег — ЦКБ»/);
    expect(outcome.suggestions.map((s) => [s.agencyId, s.confidence])).toEqual([
      ['zha-nevsky', 0.8],
      ['ckb', 0.2],
    ]);
    expect(outcome.candidates.map((c) => c.agencyId)).toEqual(['zha-nevsky']);
  });

  it('follows history when no rule applies and the suggestion is confident', () => {
    const outcome = tinyEngine().decide(input());
    expect(outcome.decision).toMatchObject({ method: 'history', agencyId: 'zha-nevsky', confidence: 0.8 });
    expect(outcome.decision?.explanation).toContain('история: на 80 %');
    expect(outcome.candidates.map((c) => c.agencyId)).toEqual(['ckb']);
  });

  it('sends to triage when history is below the threshold, with the reason and directory hints', () => {
    const outcome = tinyEngine({ policy: { minTopicConfidence: 0.5, minHistoryProbability: 0.9, minCandidateProbability: 0.1, maxReroutes: 3 } }).decide(input());
    expect(outcome.kind).toBe('triage');
    expect(outcome.decision).toMatchObject({ method: 'triage', agencyId: 'mc' });
    expect(outcome.triageReason).toMatch(/ни одно правило не подходит; история: на 80 % .* — ниже порога 90 %; по справочнику тему ведут: Администрация Невского района, ЖА Невского района/);
    expect(outcome.candidates.map((c) => c.agencyId)).toEqual(['zha-nevsky', 'ckb']);
  });

  it('sends to triage when the topic is uncertain, even if a rule would apply', () => {
    const outcome = tinyEngine().decide(input({ topicCode: 'housing.heating', topicConfidence: 0.3 }));
    expect(outcome.kind).toBe('triage');
    expect(outcome.triageReason).toBe('тема housing.heating определена неуверенно (30 % < 50 %)');
  });

  it('sends to triage when nothing is known of the topic', () => {
    const outcome = tinyEngine().decide(input({ topicCode: 'education.schools' }));
    expect(outcome.triageReason).toMatch(/^ни одно правило не подходит, истории похожих обращений нет; по справочнику тему ведут: Администрация Невского района$/);
  });

  it("sends an unplaced incident to its region's management centre", () => {
    const outcome = tinyEngine().decide(input({ territoryCode: undefined, regionCode: '40' }));
    expect(outcome.kind).toBe('triage');
    expect(outcome.decision?.agencyId).toBe('mc');
    expect(outcome.triageReason).toContain('место не определено');
    expect(tinyEngine().decide(input({ territoryCode: undefined })).decision).toBeUndefined();
  });

  it('refuses to guess between equal rules naming different agencies', () => {
    const engine = tinyEngine({ rules: [rule(4, ['landscaping'], ['40000000'], 'ckb'), rule(5, ['landscaping'], ['40000000'], 'adm-nevsky')] });
    const outcome = engine.decide(input());
    expect(outcome.kind).toBe('triage');
    expect(outcome.triageReason).toContain('правила 4 и 5 равного ранга');
  });
});
