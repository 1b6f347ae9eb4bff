import { queryTokens, searchTokens } from './search-tokens';

describe('search tokens', () => {
  it('finds a complaint by other forms of its words, with ё and case ignored', () => {
    const tokens = searchTokens(['Во дворе прорвало ТРУБУ, течёт горячая вода']);
    for (const term of queryTokens('трубы горячей воды')) expect(tokens).toContain(term);
    expect(tokens).toContain(queryTokens('течет')[0]);
  });

  it('makes the tokens incidents were stored with before the shared stemmer, so stored incidents are still found', () => {
    expect(searchTokens(['Третий день нет отопления в подъезде №2, батареи ледяные! Дом 12а на ул. Ленина, 5-й этаж'])).toEqual([
      'трет',
      'ден',
      'нет',
      'отоплен',
      'подъезд',
      '2',
      'батар',
      'ледян',
      'дом',
      '12а',
      'ул',
      'ленин',
      '5',
      'этаж',
    ]);
    expect(queryTokens('отопление подъезд 12а')).toEqual(['отоплен', 'подъезд', '12а']);
  });

  it('indexes a word mixing letters and digits whole', () => {
    expect(searchTokens(['на 12этаже'])).toEqual(['12этаже']);
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
