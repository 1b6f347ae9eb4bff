import { TAXONOMY } from '../taxonomy/taxonomy';
import { SourceLabelMapping, SOURCE_LABEL_TABLES } from './source-label-mapping';

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

  it('refuses a table that names a topic the taxonomy lacks', () => {
    expect(() => new SourceLabelMapping({ ...SOURCE_LABEL_TABLES, kurskTopics: { Новое: 'housing.unknown' } }, TAXONOMY)).toThrow(/"housing.unknown" that taxonomy/);
  });
});
