import { stemRussian } from './russian-stemmer';
import { queryTokens, searchTokens } from './search-tokens';

describe('Russian stemming', () => {
  it.each([
    ['вагон', 'вагон'],
    ['вагона', 'вагон'],
    ['вагоне', 'вагон'],
    ['вагонов', 'вагон'],
    ['вагоном', 'вагон'],
    ['вагонами', 'вагон'],
    ['важная', 'важн'],
    ['важнее', 'важн'],
    ['важнейшие', 'важн'],
    ['важнейшими', 'важн'],
    ['важного', 'важн'],
    ['важности', 'важност'],
    ['красивая', 'красив'],
    ['красивые', 'красив'],
  ])('stems %s to %s as the Snowball reference does', (word, stem) => {
    expect(stemRussian(word)).toBe(stem);
  });

  it('brings the case forms of one noun to one stem', () => {
    const forms = ['труба', 'трубы', 'трубе', 'трубу', 'трубой', 'трубах'];
    expect(new Set(forms.map(stemRussian))).toEqual(new Set(['труб']));
  });

  it('leaves words with non-Cyrillic letters as they are', () => {
    expect(stemRussian('lift')).toBe('lift');
    expect(stemRussian('78')).toBe('78');
  });
});

describe('search tokens', () => {
  it('finds a complaint by other forms of its words, with ё and case ignored', () => {
    const tokens = searchTokens(['Во дворе прорвало ТРУБУ, течёт горячая вода']);
    for (const term of queryTokens('трубы горячей воды')) expect(tokens).toContain(term);
    expect(tokens).toContain(queryTokens('течет')[0]);
  });

  it('drops stop words and one-letter words but keeps numbers', () => {
    expect(searchTokens(['и в на дом 5'])).toEqual(['дом', '5']);
  });

  it('keeps each stem once', () => {
    expect(searchTokens(['яма яма ямы', 'яму'])).toEqual(['ям']);
  });

  it('limits a query to eight terms', () => {
    expect(queryTokens('один два три четыре пять шесть семь восемь девять десять')).toHaveLength(8);
  });
});
