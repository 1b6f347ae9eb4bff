/** One word of a text: its folded form and where it starts in the folded text. */
export interface Token {
  readonly word: string;
  readonly start: number;
}

/** a–z, 0–9 and а–я: folded text has no capitals and no ё. */
function isWordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 0x430 && code <= 0x44f);
}

function isLetter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 0x430 && code <= 0x44f);
}

/**
 * Splits folded text (see `foldCase`) into words with their offsets. Unlike `words`, hyphenated
 * compounds («какой-то», «северо-западный») stay whole and only Latin and Russian letters and
 * digits make words; the classifier's model features are built on exactly these tokens.
 * A hand-written scanner: tokenising is on the hot path of every classification.
 */
export function tokenize(folded: string): Token[] {
  const tokens: Token[] = [];
  const length = folded.length;
  let i = 0;
  while (i < length) {
    if (!isWordChar(folded.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < length) {
      const code = folded.charCodeAt(i);
      if (isWordChar(code)) i++;
      else if (code === 45 && i + 1 < length && isLetter(folded.charCodeAt(i + 1)) && isLetter(folded.charCodeAt(i - 1))) i++;
      else break;
    }
    tokens.push({ word: folded.slice(start, i), start });
  }
  return tokens;
}

/** True for a token made only of digits (house numbers, dates, counts). */
export function isNumber(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return word.length > 0;
}
