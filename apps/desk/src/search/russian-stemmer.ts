/**
 * The Snowball stemmer for Russian (snowballstem.org/algorithms/russian/stemmer.html), so that
 * «трубы», «трубой» and «трубу» meet in one search token. Input is lower case with ё as е.
 */
const VOWELS = 'аеиоуыэюя';

const PERFECTIVE_GERUND_1 = ['вшись', 'вши', 'в'];
const PERFECTIVE_GERUND_2 = ['ывшись', 'ившись', 'ывши', 'ивши', 'ыв', 'ив'];
const ADJECTIVE = ['ими', 'ыми', 'его', 'ого', 'ему', 'ому', 'ее', 'ие', 'ые', 'ое', 'ей', 'ий', 'ый', 'ой', 'ем', 'им', 'ым', 'ом', 'их', 'ых', 'ую', 'юю', 'ая', 'яя', 'ою', 'ею'];
const PARTICIPLE_1 = ['ем', 'нн', 'вш', 'ющ', 'щ'];
const PARTICIPLE_2 = ['ивш', 'ывш', 'ующ'];
const REFLEXIVE = ['ся', 'сь'];
const VERB_1 = ['ла', 'на', 'ете', 'йте', 'ли', 'й', 'л', 'ем', 'н', 'ло', 'но', 'ет', 'ют', 'ны', 'ть', 'ешь', 'нно'];
const VERB_2 = [
  'ила',
  'ыла',
  'ена',
  'ейте',
  'уйте',
  'ите',
  'или',
  'ыли',
  'ей',
  'уй',
  'ил',
  'ыл',
  'им',
  'ым',
  'ен',
  'ило',
  'ыло',
  'ено',
  'ят',
  'ует',
  'уют',
  'ит',
  'ыт',
  'ены',
  'ить',
  'ыть',
  'ишь',
  'ую',
  'ю',
];
const NOUN = [
  'иями',
  'ями',
  'ами',
  'ией',
  'иям',
  'ием',
  'иях',
  'ев',
  'ов',
  'ие',
  'ье',
  'еи',
  'ии',
  'ей',
  'ой',
  'ий',
  'ям',
  'ем',
  'ам',
  'ом',
  'ах',
  'ях',
  'ию',
  'ью',
  'ия',
  'ья',
  'а',
  'е',
  'и',
  'й',
  'о',
  'у',
  'ы',
  'ь',
  'ю',
  'я',
];
const SUPERLATIVE = ['ейше', 'ейш'];
const DERIVATIONAL = ['ость', 'ост'];

const byLength = (endings: string[]): string[] => [...endings].sort((a, b) => b.length - a.length);
const GERUND_1 = byLength(PERFECTIVE_GERUND_1);
const GERUND_2 = byLength(PERFECTIVE_GERUND_2);
const ADJ = byLength(ADJECTIVE);
const PART_1 = byLength(PARTICIPLE_1);
const PART_2 = byLength(PARTICIPLE_2);
const VERBS_1 = byLength(VERB_1);
const VERBS_2 = byLength(VERB_2);
const NOUNS = byLength(NOUN);

const isVowel = (char: string | undefined): boolean => char !== undefined && VOWELS.includes(char);

/** Start of RV: after the first vowel. */
function rvStart(word: string): number {
  for (let i = 0; i < word.length; i++) if (isVowel(word[i])) return i + 1;
  return word.length;
}

/** Start of R2: R1 is after the first non-vowel that follows a vowel; R2 is the same rule inside R1. */
function r2Start(word: string): number {
  const next = (from: number): number => {
    for (let i = from + 1; i < word.length; i++) if (!isVowel(word[i]) && isVowel(word[i - 1])) return i + 1;
    return word.length;
  };
  return next(next(0));
}

/** Removes the longest ending found in `region` (the word from `start`); group-1 endings need а/я before them. */
function strip(word: string, start: number, group1: string[], group2: string[] = []): string | undefined {
  const region = word.slice(start);
  for (const ending of group2) if (region.endsWith(ending)) return word.slice(0, word.length - ending.length);
  for (const ending of group1) {
    if (!region.endsWith(ending)) continue;
    const before = region[region.length - ending.length - 1];
    if (before === 'а' || before === 'я') return word.slice(0, word.length - ending.length);
  }
  return undefined;
}

/** Longest match over two groups decides; group 2 endings are never shorter than their group-1 rivals here. */
function stripLongest(word: string, start: number, group1: string[], group2: string[]): string | undefined {
  const one = strip(word, start, group1);
  const two = strip(word, start, [], group2);
  if (one === undefined) return two;
  if (two === undefined) return one;
  return two.length <= one.length ? two : one;
}

function adjectival(word: string, start: number): string | undefined {
  const stem = strip(word, start, [], ADJ);
  if (stem === undefined) return undefined;
  return stripLongest(stem, start, PART_1, PART_2) ?? stem;
}

function step1(word: string, start: number): string {
  const gerund = stripLongest(word, start, GERUND_1, GERUND_2);
  if (gerund !== undefined) return gerund;
  const base = strip(word, start, [], REFLEXIVE) ?? word;
  return adjectival(base, start) ?? stripLongest(base, start, VERBS_1, VERBS_2) ?? strip(base, start, [], NOUNS) ?? base;
}

/** Stem of one lower-case Russian word; other words come back unchanged. */
export function stemRussian(input: string): string {
  if (!/^[а-я]+$/.test(input)) return input;
  const start = rvStart(input);
  let word = step1(input, start);
  if (word.length > start && word.endsWith('и')) word = word.slice(0, -1);
  const r2 = r2Start(word);
  word = strip(word, r2, [], DERIVATIONAL) ?? word;
  if (word.slice(start).endsWith('нн')) return word.slice(0, -1);
  const superlative = strip(word, start, [], SUPERLATIVE);
  if (superlative !== undefined) return superlative.slice(start).endsWith('нн') ? superlative.slice(0, -1) : superlative;
  return word.slice(start).endsWith('ь') ? word.slice(0, -1) : word;
}
