/** Hash functions per signature; 32 gives a Jaccard estimate within about ±0.08. */
export const MINHASH_SIZE = 32;
/** Bands of the LSH index: 8 bands of 4 values find pairs above ~0.6 similarity almost surely. */
export const MINHASH_BANDS = 8;
const ROWS_PER_BAND = MINHASH_SIZE / MINHASH_BANDS;
const HEX_PER_VALUE = 8;
/** Bound once: a global look-up per call is many times slower inside a sandboxed VM context. */
const imul = Math.imul;

function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Murmur3's finaliser: turns one 32-bit hash into a well-mixed independent one per seed. */
function mix(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const SEEDS = Uint32Array.from({ length: MINHASH_SIZE }, (_, i) => mix(imul(i + 1, 0x9e3779b9)));

/** Features of a text: each distinct word and each pair of neighbouring words. */
function features(words: readonly string[]): Set<string> {
  const result = new Set(words);
  for (let i = 0; i + 1 < words.length; i += 1) result.add(`${words[i]} ${words[i + 1]}`);
  return result;
}

/**
 * MinHash signature of a word sequence as hex (8 digits per value). The share of equal values of
 * two signatures estimates the Jaccard similarity of the texts' word and word-pair sets; unlike
 * SimHash it stays reliable for the 10–30 word texts typical of complaints.
 */
export function minhash(words: readonly string[]): string {
  const mins = new Uint32Array(MINHASH_SIZE).fill(0xffffffff);
  for (const feature of features(words)) {
    const base = fnv1a32(feature);
    for (let i = 0; i < MINHASH_SIZE; i += 1) {
      const value = mix(base ^ SEEDS[i]);
      if (value < mins[i]) mins[i] = value;
    }
  }
  let hex = '';
  for (const value of mins) hex += value.toString(16).padStart(HEX_PER_VALUE, '0');
  return hex;
}

/** Index keys of a signature (`band:values`): similar texts share at least one with high probability. */
export function minhashBands(signature: string): string[] {
  const width = ROWS_PER_BAND * HEX_PER_VALUE;
  return Array.from({ length: MINHASH_BANDS }, (_, band) => `${band}:${signature.slice(band * width, (band + 1) * width)}`);
}

/** Estimated Jaccard similarity of the texts behind two signatures, in [0, 1]. */
export function minhashSimilarity(a: string, b: string): number {
  let equal = 0;
  for (let i = 0; i < MINHASH_SIZE; i += 1) {
    const from = i * HEX_PER_VALUE;
    if (a.slice(from, from + HEX_PER_VALUE) === b.slice(from, from + HEX_PER_VALUE)) equal += 1;
  }
  return equal / MINHASH_SIZE;
}
