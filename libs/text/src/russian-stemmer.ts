/*
 * The Russian Snowball stemmer of `@orama/stemmers`. The package publishes it only under a
 * subpath export (`exports` with `require` and `import` conditions), which the repository's
 * `node` module resolution cannot type, so the import is narrowed to the one function used here.
 * Node and jest both load its CommonJS build.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const russian = require('@orama/stemmers/russian') as { stemmer: (word: string) => string };

const CYRILLIC = /[а-я]/;

/** Options of a `RussianStemmer`. */
export interface RussianStemmerOptions {
  /** Shorter words are returned as they are; 1 stems every Russian word. */
  readonly minLength?: number;
  /** Most words remembered before the cache starts over. */
  readonly cacheSize?: number;
}

/** Stems folded words with a bounded cache: social-media vocabulary is Zipfian, so most look-ups hit. */
export class RussianStemmer {
  private readonly cache = new Map<string, string>();
  private readonly minLength: number;
  private readonly cacheSize: number;

  constructor(options: RussianStemmerOptions = {}) {
    this.minLength = options.minLength ?? 1;
    this.cacheSize = options.cacheSize ?? 100_000;
  }

  /** The Snowball stem of a folded word (see `foldCase`): «отопления» → `отоплен`; words without a Russian letter come back unchanged. */
  stem(word: string): string {
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    const stem = word.length >= this.minLength && CYRILLIC.test(word) ? russian.stemmer(word) : word;
    if (this.cache.size >= this.cacheSize) this.cache.clear();
    this.cache.set(word, stem);
    return stem;
  }
}

const shared = new RussianStemmer();

/** The Snowball stem of a folded word, through one shared cache; see `RussianStemmer.stem`. */
export function stemRussian(word: string): string {
  return shared.stem(word);
}
