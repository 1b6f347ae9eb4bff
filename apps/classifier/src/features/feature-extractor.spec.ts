import { foldCase } from '@otklik/text';
import { toPlainText } from '../text/plain-text';
import { FeatureExtractor, type FeatureConfig } from './feature-extractor';

const CONFIG: FeatureConfig = { bits: 16, charGramMin: 3, charGramMax: 4, pairWeight: 1, charGramWeight: 0.5, maxWords: 50 };

describe('FeatureExtractor', () => {
  const extractor = new FeatureExtractor(CONFIG);

  it('gives the same vector for the same text', () => {
    const a = extractor.extract('Не убран снег во дворе');
    const b = extractor.extract('Не убран снег во дворе');
    expect(Array.from(a.ids)).toEqual(Array.from(b.ids));
    expect(Array.from(a.values)).toEqual(Array.from(b.values));
  });

  it('returns an L2-normalised vector inside the hashed space', () => {
    const { ids, values } = extractor.extract('Сосульки над входом в подъезд');
    const norm = Math.sqrt(values.reduce((s, v) => s + v * v, 0));
    expect(norm).toBeCloseTo(1, 5);
    expect(Math.max(...ids)).toBeLessThan(1 << CONFIG.bits);
  });

  it('maps inflected forms onto shared stem features', () => {
    const a = new Set(extractor.extract('снега').ids);
    const shared = extractor.extract('снегом').ids.filter((id) => a.has(id));
    expect(shared.length).toBeGreaterThan(0);
  });

  it('names the buckets asked for, for explanations', () => {
    const vector = extractor.extract('мусор во дворе');
    const names = extractor.nameBuckets('мусор во дворе', new Set(vector.ids));
    expect(names.size).toBe(vector.ids.length);
    expect([...names.values()]).toEqual(expect.arrayContaining(['мусор', 'мусор во', '^му', 'вор']));
    expect(extractor.nameBuckets('мусор во дворе', new Set([vector.ids[0]])).size).toBe(1);
  });

  it('gives a text folded beforehand the same features', () => {
    const raw = 'Ёлка <b>упала</b> на&nbsp;Детскую площадку';
    const folded = foldCase(toPlainText(raw));
    expect(extractor.extractFolded(folded)).toEqual(extractor.extract(raw));
    const ids = new Set(extractor.extract(raw).ids);
    expect(extractor.nameFoldedBuckets(folded, ids)).toEqual(extractor.nameBuckets(raw, ids));
  });

  it('returns an empty vector for a text without words', () => {
    expect(extractor.extract('!!! 123').ids.length).toBe(0);
  });
});
