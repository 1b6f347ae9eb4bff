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

  it('names topics and categories in Russian by default and in English when asked', () => {
    expect(TAXONOMY.nameOf('housing.heating')).toBe('Отопление');
    expect(TAXONOMY.nameOf('housing.heating', 'en')).toBe('Heating');
    expect(TAXONOMY.nameOf('housing')).toBe('ЖКХ');
  });

  it('names an unknown code by the code itself', () => {
    expect(TAXONOMY.nameOf('housing.unknown')).toBe('housing.unknown');
    expect(TAXONOMY.isKnown('housing.unknown')).toBe(false);
  });
});
