import { foldCase, isNumber, RussianStemmer, tokenize } from '@otklik/text';
import { toPlainText } from '../text/plain-text';
import { hashCharGram, hashPair, hashString, Namespace } from './feature-hashing';

/** How texts become sparse vectors; stored in the model artifact so training and serving agree. */
export interface FeatureConfig {
  /** The hashed space has 2^bits buckets. */
  readonly bits: number;
  readonly charGramMin: number;
  readonly charGramMax: number;
  /** Weight of a stem pair relative to a single stem. */
  readonly pairWeight: number;
  /** Weight of a character n-gram relative to a single stem. */
  readonly charGramWeight: number;
  /** Texts are cut to this many words: the opening of an appeal names the problem. */
  readonly maxWords: number;
}

/** A text as hashed features: bucket ids (ascending is not guaranteed) and L2-normalised values. */
export interface SparseVector {
  readonly ids: Int32Array;
  readonly values: Float32Array;
}

/** What a word contributes whatever its neighbours: its stem and its n-gram buckets. */
interface WordFeatures {
  readonly stem: string;
  readonly stemBucket: number;
  readonly gramBuckets: Int32Array;
}

const WORD_CACHE_SIZE = 200_000;
/** Words of up to three letters are features as written: the model was trained so. */
const MIN_STEMMED_LENGTH = 4;

/**
 * Turns a text into hashed stem, stem-pair and character n-gram features. One instance owns a
 * scratch accumulator and a word cache (words repeat a lot, so most words cost one look-up), so
 * it is cheap per call but not shareable between concurrent callers.
 */
export class FeatureExtractor {
  private readonly mask: number;
  private readonly accumulator: Float32Array;
  private readonly touched: number[] = [];
  private readonly words = new Map<string, WordFeatures>();

  constructor(
    readonly config: FeatureConfig,
    private readonly stemmer: RussianStemmer = new RussianStemmer({ minLength: MIN_STEMMED_LENGTH }),
  ) {
    this.mask = (1 << config.bits) - 1;
    this.accumulator = new Float32Array(1 << config.bits);
  }

  /** Hashed features of `text`. */
  extract(text: string): SparseVector {
    return this.extractFolded(foldCase(toPlainText(text)));
  }

  /** Hashed features of a text already made plain and case-folded (`foldCase(toPlainText(text))`). */
  extractFolded(folded: string): SparseVector {
    const tokens = tokenize(folded);
    const { pairWeight, charGramWeight, maxWords } = this.config;
    let previous: string | undefined;
    const limit = Math.min(tokens.length, maxWords);
    for (let t = 0; t < limit; t++) {
      const word = tokens[t].word;
      if (isNumber(word)) {
        previous = undefined;
        continue;
      }
      const features = this.wordFeatures(word);
      this.add(features.stemBucket, 1);
      if (previous !== undefined) this.add(hashPair(previous, features.stem) & this.mask, pairWeight);
      previous = features.stem;
      const grams = features.gramBuckets;
      for (let g = 0; g < grams.length; g++) this.add(grams[g], charGramWeight);
    }
    return this.drain();
  }

  /** Readable names of the given buckets as `text` produces them, for explanations. */
  nameBuckets(text: string, buckets: ReadonlySet<number>): Map<number, string> {
    return this.nameFoldedBuckets(foldCase(toPlainText(text)), buckets);
  }

  /**
   * As `nameBuckets`, for a folded text. Run after `extractFolded` only for the few buckets worth
   * showing: it walks the words again, without scoring, and stops once every bucket has a name.
   */
  nameFoldedBuckets(folded: string, buckets: ReadonlySet<number>): Map<number, string> {
    const names = new Map<number, string>();
    const tokens = tokenize(folded);
    const { charGramMin, charGramMax, maxWords } = this.config;
    const nameOnce = (bucket: number, make: () => string) => {
      if (buckets.has(bucket) && !names.has(bucket)) names.set(bucket, make());
    };
    let previous: string | undefined;
    const limit = Math.min(tokens.length, maxWords);
    for (let t = 0; t < limit && names.size < buckets.size; t++) {
      const word = tokens[t].word;
      if (isNumber(word)) {
        previous = undefined;
        continue;
      }
      const { stem, stemBucket, gramBuckets } = this.wordFeatures(word);
      nameOnce(stemBucket, () => stem);
      if (previous !== undefined) {
        const before = previous;
        nameOnce(hashPair(before, stem) & this.mask, () => `${before} ${stem}`);
      }
      previous = stem;
      for (let g = 0; g < gramBuckets.length; g++) nameOnce(gramBuckets[g], () => gramName(word, g, charGramMin, charGramMax));
    }
    return names;
  }

  private wordFeatures(word: string): WordFeatures {
    const cached = this.words.get(word);
    if (cached) return cached;
    const { charGramMin, charGramMax } = this.config;
    const stem = this.stemmer.stem(word);
    const padded = word.length + 2;
    const buckets: number[] = [];
    for (let n = charGramMin; n <= charGramMax && n <= padded; n++) {
      for (let from = 0; from + n <= padded; from++) buckets.push(hashCharGram(word, from, n) & this.mask);
    }
    const features = { stem, stemBucket: hashString(Namespace.Stem, stem) & this.mask, gramBuckets: Int32Array.from(buckets) };
    if (this.words.size >= WORD_CACHE_SIZE) this.words.clear();
    this.words.set(word, features);
    return features;
  }

  private add(id: number, weight: number): void {
    if (this.accumulator[id] === 0) this.touched.push(id);
    this.accumulator[id] += weight;
  }

  private drain(): SparseVector {
    const count = this.touched.length;
    const ids = new Int32Array(count);
    const values = new Float32Array(count);
    let norm = 0;
    for (let i = 0; i < count; i++) {
      const id = this.touched[i];
      const value = this.accumulator[id];
      ids[i] = id;
      values[i] = value;
      norm += value * value;
      this.accumulator[id] = 0;
    }
    this.touched.length = 0;
    if (norm > 0) {
      const scale = 1 / Math.sqrt(norm);
      for (let i = 0; i < count; i++) values[i] *= scale;
    }
    return { ids, values };
  }
}

/** The `index`-th n-gram of `^word$` in the order `wordFeatures` makes them (for explanations). */
function gramName(word: string, index: number, min: number, max: number): string {
  const padded = `^${word}$`;
  let i = index;
  for (let n = min; n <= max && n <= padded.length; n++) {
    const count = padded.length - n + 1;
    if (i < count) return padded.slice(i, i + n);
    i -= count;
  }
  return padded;
}
