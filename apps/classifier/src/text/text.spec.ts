import { RussianStemmer } from './morphology';
import { foldCase, toPlainText } from './normalize';
import { isNumber, tokenize } from './tokenize';

describe('text', () => {
  it('strips HTML markup and decodes entities', () => {
    expect(toPlainText('<p>Добрый&nbsp;день! Яма &laquo;у дома&raquo;</p>')).toBe('Добрый день! Яма «у дома»');
  });

  it('drops privacy masks', () => {
    expect(toPlainText('Звонил [name] по [phone], ответа нет')).toBe('Звонил по , ответа нет');
  });

  it('folds case and ё', () => {
    expect(foldCase('Ещё ЛЁД')).toBe('еще лед');
  });

  it('keeps hyphenated words whole and reports offsets', () => {
    expect(tokenize('какой-то провод, д.5')).toEqual([
      { word: 'какой-то', start: 0 },
      { word: 'провод', start: 9 },
      { word: 'д', start: 17 },
      { word: '5', start: 19 },
    ]);
  });

  it('recognises numbers', () => {
    expect(isNumber('2021')).toBe(true);
    expect(isNumber('5а')).toBe(false);
  });

  it('stems inflected forms of one word to one stem', () => {
    const stemmer = new RussianStemmer();
    expect(new Set(['подъезде', 'подъезды', 'подъезд'].map((w) => stemmer.stem(w))).size).toBe(1);
    expect(stemmer.stem('snow')).toBe('snow');
  });
});
