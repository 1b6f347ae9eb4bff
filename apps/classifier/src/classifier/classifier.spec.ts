import { FeatureExtractor } from '../features/feature-extractor';
import { LinearModel } from '../model/linear-model';
import { loadModel } from '../model/model-loader';
import { TAXONOMY } from '@otklik/reference';
import { Classifier, decideTopic } from './classifier';

// The committed model artifact, as the service loads it.
const { model } = loadModel();
const classifier = new Classifier(model);
const january = new Date('2024-01-20T08:00:00Z');
const classify = (text: string, communityTerritory?: string) => classifier.classify({ text, postedAt: january, communityTerritory });

describe('Classifier with the committed model', () => {
  it('records the model and taxonomy versions', () => {
    const result = classify('Не убран снег во дворе');
    expect(result.modelVersion).toBe(model.version);
    expect(result.taxonomyVersion).toBe(TAXONOMY.version);
  });

  it('reads everyday complaints into the right topics', () => {
    expect(classify('Во дворе не убран снег, сугробы по колено').topic.code).toBe('landscaping.snow_ice');
    expect(classify('В парадной не горит свет уже неделю').category.code).toBe('housing');
    expect(classify('Огромная яма на проезжей части, машины бьют колёса').topic.code).toBe('roads.surface');
    expect(classify('Переполнены мусорные контейнеры на площадке у дома').category.code).toBe('waste');
  });

  it('keeps topic inside the chosen category', () => {
    for (const text of ['Течёт крыша', 'Граффити на стене дома', 'Не работает лифт', 'Бродячие собаки бросаются на детей']) {
      const result = classify(text);
      expect(TAXONOMY.categoryOf(result.topic.code)).toBe(result.category.code);
    }
  });

  it('gives probabilities and runner-up topics', () => {
    const result = classify('Не работает лифт во втором подъезде');
    expect(result.topic.confidence).toBeGreaterThan(0);
    expect(result.topic.confidence).toBeLessThanOrEqual(1);
    expect(result.alternatives).toHaveLength(3);
    expect(result.alternatives.every((a) => a.confidence <= result.topic.confidence)).toBe(true);
  });

  it('explains the decision with rules and features', () => {
    const result = classify('Срочно! Пахнет газом в подъезде, в Невском районе, ул. Седова, 12');
    expect(result.urgency.level).toBe('emergency');
    expect(result.place).toMatchObject({ source: 'text', territory: { code: '40:nevsky' }, address: { street: 'улица Седова', house: '12' } });
    expect(result.explanation.rules).toEqual(expect.arrayContaining(['urgency:gas', 'place:district-named']));
    expect(result.explanation.features.length).toBeGreaterThan(0);
    expect(result.explanation.features[0].weight).toBeGreaterThan(0);
  });

  it('dismisses thanks without review', () => {
    const result = classify('Спасибо большое за быструю уборку двора!');
    expect(result.kind).toMatchObject({ kind: 'thanks', dismissal: 'gratitude' });
    expect(result.needsReview).toBe(false);
  });

  it("chooses the category by probability times the model's category weight, reporting the probability", () => {
    const text = 'во дворе не убран снег, сугробы по колено';
    const vector = new FeatureExtractor(model.parts.features).extractFolded(text);
    const unweighted = new LinearModel({ ...model.parts, categoryWeights: undefined });
    const { category, categories, categoryProbabilities: probabilities } = decideTopic(unweighted, vector, text);
    expect(category).toEqual({ code: 'landscaping', confidence: probabilities[categories.indexOf('landscaping')] });
    const decided = decideTopic(new LinearModel({ ...model.parts, categoryWeights: { landscaping: 1e-6 } }), vector, text);
    expect(decided.category.code).not.toBe('landscaping');
    expect(decided.category.confidence).toBe(probabilities[categories.indexOf(decided.category.code)]);
    expect(TAXONOMY.categoryOf(decided.topic.code)).toBe(decided.category.code);
  });

  it('does not weigh down a category that a topic rule raised', () => {
    const text = 'на остановке сорвана табличка с расписанием автобусов';
    const vector = new FeatureExtractor(model.parts.features).extractFolded(text);
    const decided = decideTopic(new LinearModel({ ...model.parts, categoryWeights: { transport: 1e-6 } }), vector, text);
    expect(decided.rules).toContain('topic:transport.stops');
    expect(decided.ruledCategories).toEqual([decided.categories.indexOf('transport')]);
    expect(decided.category.code).toBe('transport');
    // The same weight does move a transport text that no rule names.
    const unruled = 'автобус 22 не пришел, интервал движения больше часа';
    const free = decideTopic(new LinearModel({ ...model.parts, categoryWeights: { transport: 1e-6 } }), new FeatureExtractor(model.parts.features).extractFolded(unruled), unruled);
    expect(free.rules).toEqual([]);
    expect(free.category.code).not.toBe('transport');
  });

  it('sends a vague text to review', () => {
    const result = classify('Обратите внимание на это');
    expect(result.needsReview).toBe(true);
    expect(result.reviewReasons.length).toBeGreaterThan(0);
  });
});
