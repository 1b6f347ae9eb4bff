import { foldCase } from './normalise';
import { RussianStemmer, stemRussian } from './russian-stemmer';

describe('Russian stemming', () => {
  it('brings «отопления» and «отопление» to one stem', () => {
    expect(stemRussian('отопления')).toBe(stemRussian('отопление'));
    expect(stemRussian('отоплением')).toBe('отоплен');
  });

  it.each([
    ['вагонами', 'вагон'],
    ['важнейшими', 'важн'],
    ['важности', 'важност'],
    ['красивые', 'красив'],
    ['течет', 'течет'],
  ])('stems %s to %s as the Snowball reference does', (word, stem) => {
    expect(stemRussian(word)).toBe(stem);
  });

  it('brings the case forms of one noun to one stem', () => {
    expect(new Set(['труба', 'трубы', 'трубе', 'трубу', 'трубой', 'трубах'].map(stemRussian))).toEqual(new Set(['труб']));
  });

  it('gives a word written with ё and with е one stem once folded', () => {
    expect(stemRussian(foldCase('Ёлки'))).toBe(stemRussian('елки'));
  });

  it('returns words without a Russian letter as they are', () => {
    expect(stemRussian('lift')).toBe('lift');
    expect(stemRussian('2026')).toBe('2026');
  });

  it('leaves words shorter than the minimum length unstemmed', () => {
    const stemmer = new RussianStemmer({ minLength: 4 });
    expect(stemmer.stem('яма')).toBe('яма');
    expect(stemmer.stem('ямами')).toBe('ям');
    expect(stemRussian('яма')).toBe('ям');
  });

  it('stems the same after its cache starts over', () => {
    const stemmer = new RussianStemmer({ cacheSize: 2 });
    const first = ['подъезде', 'подъезды', 'подъезд'].map((w) => stemmer.stem(w));
    expect(['подъезде', 'подъезды', 'подъезд'].map((w) => stemmer.stem(w))).toEqual(first);
    expect(new Set(first)).toEqual(new Set(['подъезд']));
  });
});
