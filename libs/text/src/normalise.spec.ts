import { foldCase, normaliseText, words } from './normalise';

describe('foldCase', () => {
  it('lower-cases and folds ё into е', () => {
    expect(foldCase('Ещё ЛЁД на Крыльце')).toBe('еще лед на крыльце');
  });
});

describe('words and normaliseText', () => {
  it('split at punctuation, hyphens and spaces and keep digits', () => {
    expect(words('Во дворе д.5 — нет отопления!!! Северо-Западный р-н')).toEqual(['во', 'дворе', 'д', '5', 'нет', 'отопления', 'северо', 'западный', 'р', 'н']);
  });

  it('make one space of each run of other characters', () => {
    expect(normaliseText('  Невский   район,  СПб. ')).toBe('невский район спб');
    expect(normaliseText('!!! 😡')).toBe('');
  });
});
