/**
 * Russian morphology for the classifier: Snowball stems through `@orama/stemmers`. The package
 * publishes its Russian stemmer only under a subpath export, which the repository's `node`
 * module resolution cannot type, so the import is narrowed to the one function used here.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const russian = require('@orama/stemmers/russian') as { stemmer: (word: string) => string };

const CYRILLIC = /[а-я]/;

/** Stems words with a bounded cache: social-media vocabulary is Zipfian, so most look-ups hit. */
export class RussianStemmer {
  private readonly cache = new Map<string, string>();

  constructor(private readonly cacheSize = 100_000) {}

  /** The stem of a lower-cased word; non-Cyrillic words and short words are returned as they are. */
  stem(word: string): string {
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    const stem = word.length > 3 && CYRILLIC.test(word) ? russian.stemmer(word) : word;
    if (this.cache.size >= this.cacheSize) this.cache.clear();
    this.cache.set(word, stem);
    return stem;
  }
}
