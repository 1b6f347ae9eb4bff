import path from 'node:path';
import { dataDir } from '../datasets/data-dir';
import { readKurskAppeals } from '../datasets/kursk.reader';
import { readSpbAppeals } from '../datasets/spb.reader';
import { SourceLabelMapping, UnmappedLabelError } from './source-labels';
import { TAXONOMY, Taxonomy } from './taxonomy';

describe('taxonomy', () => {
  it('has the top-level categories management centres use', () => {
    expect(TAXONOMY.categoryCodes).toEqual(['housing', 'roads', 'transport', 'landscaping', 'waste', 'healthcare', 'education', 'social', 'ecology', 'safety', 'trade', 'culture_sport', 'other']);
  });

  it('places each topic under its category', () => {
    expect(TAXONOMY.categoryOf('housing.heating')).toBe('housing');
    expect(() => TAXONOMY.categoryOf('housing.unknown')).toThrow(/unknown topic/);
  });

  it('rejects a topic filed under the wrong category', () => {
    expect(() => new Taxonomy({ version: 't', categories: [{ code: 'roads', en: '', ru: '', topics: [{ code: 'waste.litter', en: '', ru: '' }] }] })).toThrow(/not under "roads"/);
  });
});

describe('source label mapping', () => {
  const mapping = new SourceLabelMapping();

  it('maps SPb category and reason pairs', () => {
    expect(mapping.spbTopic('Кровля', 'Наличие наледи на крыше')).toBe('housing.roofs');
    expect(mapping.spbTopic('Благоустройство', 'Неубранный снег')).toBe('landscaping.snow_ice');
  });

  it('maps Kursk topics and category codes', () => {
    expect(mapping.kurskTopic('Безнадзорные животные')).toBe('safety.stray_animals');
    expect(mapping.kurskCategory('4')).toBe('healthcare');
  });

  it('refuses to guess an unmapped label', () => {
    expect(() => mapping.spbTopic('Кровля', 'Новая причина')).toThrow(UnmappedLabelError);
  });

  it('covers every label of the reference data sets', () => {
    const dir = dataDir();
    // Readers throw UnmappedLabelError on the first label without a mapping.
    expect(readSpbAppeals(path.join(dir, 'spb-appeals/dev.jsonl.gz'), mapping).length).toBeGreaterThan(30_000);
    expect(readKurskAppeals(path.join(dir, 'kursk-appeals/dev.csv'), mapping).length).toBeGreaterThan(1_000);
  });
});
