import { AnswerQualityModel, chooseThreshold, fitWeights, measure, SignalExample } from './answer-quality.calibration';
import { ANSWER_QUALITY_MODEL, AnswerQualityService } from './answer-quality.service';
import { detectSignals } from './answer-signals';

describe('detectSignals', () => {
  it('finds a report of work done with a date', () => {
    const s = detectSignals('Уважаемый пользователь! Мусор убран 12.03.2021, контейнерная площадка очищена.');
    expect(s).not.toContain('no-concrete-action');
    expect(s).not.toContain('no-date');
  });

  it('reads Russian word edges (JavaScript \\b does not)', () => {
    expect(detectSignals('Объявления удалены.')).not.toContain('no-concrete-action');
  });

  it('sees «принято к сведению» without action as noted-only', () => {
    expect(detectSignals('Ваше обращение принято к сведению.')).toEqual(expect.arrayContaining(['noted-only', 'no-concrete-action', 'no-date']));
  });

  it('sees an answer made of legal references only', () => {
    const s = detectSignals('Разъясняем, что в соответствии с п. 3.2 Правил содержания общего имущества и ст. 161 Жилищного кодекса РФ обязанности несёт собственник.');
    expect(s).toEqual(expect.arrayContaining(['legal-references-only', 'legal-references', 'explanation-without-action']));
  });

  it('sees a promise without a date', () => {
    expect(detectSignals('Ремонт будет выполнен по мере финансирования.')).toContain('vague-promise');
    expect(detectSignals('Ремонт будет выполнен в срок до 15.05.2021.')).not.toContain('vague-promise');
  });
});

describe('AnswerQualityService with the calibrated model', () => {
  const service = new AnswerQualityService({ holdFlagged: true });

  it('flags «принято к сведению» and says why', () => {
    const a = service.assess('Информация принята к сведению.');
    expect(a.flagged).toBe(true);
    expect(a.reasons[0]).toBe('noted-only');
    expect(a.held).toBe(true);
  });

  it('flags a legal lecture with no action', () => {
    expect(service.assess('Сообщаем, что согласно п. 5.3 ГОСТ Р 50597-2017 и ст. 12 Федерального закона № 196-ФЗ повреждения допустимы.').flagged).toBe(true);
  });

  it('passes a concrete report of work done', () => {
    const a = service.assess('Проведена уборка лестничной клетки, мусор вывезен 14.02.2021. Фотофиксация прилагается.');
    expect(a.flagged).toBe(false);
    expect(a.held).toBe(false);
  });

  it('does not hold a flagged answer when holding is off', () => {
    const a = new AnswerQualityService({ holdFlagged: false }).assess('Принято к сведению.');
    expect(a).toMatchObject({ flagged: true, held: false });
  });

  it('ships a model whose weights are all non-negative', () => {
    expect(Object.values(ANSWER_QUALITY_MODEL.weights).every((w) => w >= 0)).toBe(true);
    expect(ANSWER_QUALITY_MODEL.threshold).toBeGreaterThan(0);
  });
});

describe('calibration', () => {
  // Synthetic: 'redirect' comes with rejection 80% of the time, 'too-short' is noise.
  const examples: SignalExample[] = [];
  for (let i = 0; i < 1000; i++) {
    const redirect = i % 5 === 0;
    const noise = i % 2 === 0;
    const rejected = redirect ? i % 25 !== 0 : i % 50 === 0;
    examples.push({ signals: [...(redirect ? (['redirect'] as const) : []), ...(noise ? (['too-short'] as const) : [])], nonAnswer: rejected });
  }

  it('gives the telling signal more weight than the noise and keeps weights non-negative', () => {
    const { weights } = fitWeights(examples, { priorStrength: 1 });
    expect(weights.redirect).toBeGreaterThan(weights['too-short'] + 1);
    expect(Object.values(weights).every((w) => w >= 0)).toBe(true);
  });

  it('chooses the threshold that flags exactly the answers with the telling signal', () => {
    const fitted = fitWeights(examples, { priorStrength: 1 });
    const model: AnswerQualityModel = { ...ANSWER_QUALITY_MODEL, ...fitted, alwaysFlag: [] };
    const best = chooseThreshold(model, examples);
    // Exactly the 200 'redirect' answers get flagged: 160 of them were rejected, and no other was.
    expect(best.flagged).toBe(200);
    expect(best.precision).toBeCloseTo(0.8, 5);
    expect(best.recall).toBe(1);
    expect(measure(model, examples, best.threshold).f1).toBeCloseTo(best.f1);
  });

  it('refuses to fit on nothing', () => {
    expect(() => fitWeights([])).toThrow('no examples');
  });
});
