import { foldCase, stemRussian, words } from '@otklik/text';

/**
 * Full-text search without text indexes (FerretDB has none): each incident stores the distinct
 * stems of its texts in `searchTokens`, an ordinary multikey index covers it, and a query asks
 * for all of its own stems with `$all`. Stored tokens are not re-made at start: the stems are
 * `@otklik/text`'s Snowball stems, which on every all-Russian word of the reference appeals are
 * the stems desk's earlier hand-written stemmer gave, and words mixing letters and digits are
 * still indexed whole.
 */

/** Words too common to narrow a search. */
const STOP_WORDS = new Set([
  'и',
  'в',
  'во',
  'на',
  'не',
  'что',
  'с',
  'со',
  'по',
  'к',
  'ко',
  'у',
  'о',
  'об',
  'от',
  'до',
  'за',
  'из',
  'для',
  'а',
  'но',
  'же',
  'ли',
  'бы',
  'как',
  'это',
  'то',
  'так',
  'уже',
  'еще',
  'все',
  'всё',
  'мы',
  'вы',
  'он',
  'она',
  'они',
  'я',
  'нас',
  'нам',
  'the',
  'and',
  'of',
]);

/** Most stems kept per incident; a longer text adds nothing to find it by. */
export const MAX_TOKENS = 3000;
/** Most terms a query may have. */
export const MAX_QUERY_TERMS = 8;

/** Only words of Russian letters are stemmed; «5а» or «12этаже» is found as it was typed. */
const RUSSIAN_WORD = /^[а-я]+$/;

function tokenOf(word: string): string | undefined {
  if (STOP_WORDS.has(word)) return undefined;
  if (/^\p{N}+$/u.test(word)) return word;
  if (word.length < 2) return undefined;
  return RUSSIAN_WORD.test(word) ? stemRussian(word) : word;
}

/** Distinct stems of the given texts, in first-seen order, at most MAX_TOKENS. */
export function searchTokens(texts: (string | undefined)[]): string[] {
  const tokens = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    for (const word of words(text)) {
      const token = tokenOf(word);
      if (token) tokens.add(token);
      if (tokens.size >= MAX_TOKENS) return [...tokens];
    }
  }
  return [...tokens];
}

/** Stems a query must all match; an identifier such as `78-2026-000123` is also kept whole. */
export function queryTokens(query: string): string[] {
  const tokens = new Set(searchTokens([query]));
  return [...tokens].slice(0, MAX_QUERY_TERMS);
}

/** Identifier-like strings (incident numbers, codes) are indexed whole as well as in parts. */
export function identifierTokens(values: (string | undefined)[]): string[] {
  return values.filter((value): value is string => Boolean(value)).map((value) => foldCase(value));
}
