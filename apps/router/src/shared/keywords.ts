import { words } from '@otklik/text';

/**
 * Keyword matching on word prefixes, so that a stem finds its inflections («сосул» finds
 * «сосульки»); the words of a phrase must follow one another («налед на крыш»). Cheap and
 * predictable, which operators writing rules need more than linguistic finesse.
 */
export class KeywordText {
  readonly words: readonly string[];

  constructor(text: string) {
    this.words = words(text);
  }

  /** True when the phrase's words start consecutive words of the text. */
  has(phrase: string): boolean {
    const stems = words(phrase);
    if (stems.length === 0) return false;
    for (let i = 0; i + stems.length <= this.words.length; i++) {
      if (stems.every((stem, j) => this.words[i + j].startsWith(stem))) return true;
    }
    return false;
  }

  /** The first of `phrases` found, if any. */
  firstOf(phrases: readonly string[]): string | undefined {
    return phrases.find((p) => this.has(p));
  }
}
