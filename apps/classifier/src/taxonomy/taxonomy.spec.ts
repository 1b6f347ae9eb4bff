import path from 'node:path';
import { dataDir } from '../datasets/data-dir';
import { readKurskAppeals } from '../datasets/kursk.reader';
import { readSpbAppeals } from '../datasets/spb.reader';
import { SourceLabelMapping, UnmappedLabels } from './source-labels';
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
    expect(mapping.spbTopic('Кровля', 'Новая причина')).toBeUndefined();
    expect(mapping.kurskTopic('constructor')).toBeUndefined();
    expect(mapping.kurskCategory('99')).toBeUndefined();
  });

  it('covers every label of the reference data sets', () => {
    const dir = dataDir();
    const unmapped = new UnmappedLabels();
    expect(readSpbAppeals(path.join(dir, 'spb-appeals/dev.jsonl.gz'), unmapped, mapping).length).toBeGreaterThan(30_000);
    expect(readKurskAppeals(path.join(dir, 'kursk-appeals/dev.csv'), unmapped, mapping).length).toBeGreaterThan(1_000);
    expect(unmapped.entries()).toEqual([]);
  });
});

describe('unmapped labels', () => {
  it('counts texts per label, most frequent first, and names where to map them', () => {
    const unmapped = new UnmappedLabels();
    expect(unmapped.summary()).toBeUndefined();
    unmapped.add('spb', 'Кровля / Новая причина');
    unmapped.add('kursk', 'Новая тема');
    unmapped.add('spb', 'Кровля / Новая причина');
    expect(unmapped.texts).toBe(3);
    expect(unmapped.entries()).toEqual([
      { source: 'spb', label: 'Кровля / Новая причина', texts: 2 },
      { source: 'kursk', label: 'Новая тема', texts: 1 },
    ]);
    expect(unmapped.summary()).toBe(
      'unmapped labels: 3 text(s) left out, 2 label(s) without an Otklik topic ' +
        '(map them in taxonomy/mappings/spb.mapping.json, taxonomy/mappings/kursk.mapping.json): spb "Кровля / Новая причина" ×2; kursk "Новая тема" ×1',
    );
  });
});
