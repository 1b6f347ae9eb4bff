import { isNumber, tokenize } from './tokenize';

describe('tokenize', () => {
  it('keeps hyphenated words whole and reports offsets in the folded text', () => {
    expect(tokenize('какой-то провод, д.5')).toEqual([
      { word: 'какой-то', start: 0 },
      { word: 'провод', start: 9 },
      { word: 'д', start: 17 },
      { word: '5', start: 19 },
    ]);
  });

  it('tells numbers from words with digits', () => {
    expect(isNumber('2021')).toBe(true);
    expect(isNumber('5а')).toBe(false);
    expect(isNumber('')).toBe(false);
  });
});
