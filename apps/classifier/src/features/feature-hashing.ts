const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Namespaces keep a stem, a stem pair and a character n-gram that share letters apart. */
export const enum Namespace {
  Stem = 1,
  StemPair = 2,
  CharGram = 3,
}

/** FNV-1a over the namespace and the characters of `text`; 32-bit unsigned. */
export function hashString(namespace: Namespace, text: string): number {
  let hash = Math.imul(FNV_OFFSET ^ namespace, FNV_PRIME);
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
  return hash >>> 0;
}

/** FNV-1a over two stems joined by a separator, without building the joined string. */
export function hashPair(first: string, second: string): number {
  let hash = Math.imul(FNV_OFFSET ^ Namespace.StemPair, FNV_PRIME);
  for (let i = 0; i < first.length; i++) hash = Math.imul(hash ^ first.charCodeAt(i), FNV_PRIME);
  hash = Math.imul(hash ^ 0x20, FNV_PRIME);
  for (let i = 0; i < second.length; i++) hash = Math.imul(hash ^ second.charCodeAt(i), FNV_PRIME);
  return hash >>> 0;
}

/**
 * FNV-1a over the characters `from`..`from+length` of `^word$` (the word with boundary marks),
 * without building the padded word or the slice.
 */
export function hashCharGram(word: string, from: number, length: number): number {
  let hash = Math.imul(FNV_OFFSET ^ Namespace.CharGram, FNV_PRIME);
  const end = from + length;
  for (let i = from; i < end; i++) {
    const code = i === 0 ? 0x5e : i === word.length + 1 ? 0x24 : word.charCodeAt(i - 1);
    hash = Math.imul(hash ^ code, FNV_PRIME);
  }
  return hash >>> 0;
}
