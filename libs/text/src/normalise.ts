/** Lower case with ё folded into е: the form every lexicon, stem and search token of Otklik uses. */
export function foldCase(text: string): string {
  return text.toLowerCase().replace(/ё/g, 'е');
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Words of a text: folded (see `foldCase`), split at every character that is not a letter or a digit. */
export function words(text: string): string[] {
  return foldCase(text).match(WORD) ?? [];
}

/** Folded text with each run of anything but letters and digits made one space: «Невский  р-н.» → `невский р н`. */
export function normaliseText(text: string): string {
  return words(text).join(' ');
}
