import { decodeHtmlEntities, words } from '@otklik/text';

/** Elements whose content is code or styling, never text a citizen wrote. */
const HIDDEN_ELEMENTS = /<(script|style|template)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
/** Tags that end a line when HTML is rendered. */
const LINE_BREAK_TAGS = /<\s*(br|\/p|\/div|\/li|\/h[1-6]|\/tr|p|div|li|tr)\b[^>]*>/gi;
/** Only things shaped like tags: a lone "<" in "t < 5°" stays. */
const ANY_TAG = /<\/?[a-zA-Z][^<>]*>|<!--[\s\S]*?-->/g;
/** VK mention markup: [id1|Name], [club1|Name], [https://…|text]. */
const VK_MENTION = /\[(?:(?:id|club|public|event)\d+|https?:\/\/[^|\]\s]+)\|([^\]]*)\]/g;

/**
 * Plain text of a post: HTML tags and VK mention markup removed, entities decoded, whitespace
 * tidied. Emoji and every other character the author typed are kept.
 */
export function cleanPostText(raw: string): string {
  const withoutMarkup = raw.replace(HIDDEN_ELEMENTS, ' ').replace(LINE_BREAK_TAGS, '\n').replace(ANY_TAG, '').replace(VK_MENTION, '$1');
  return decodeHtmlEntities(withoutMarkup)
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\t\f\v\u2000-\u200a\u202f\u205f\u3000]+/g, ' ')
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const URL_PATTERN = /\b(?:https?:\/\/|www\.)\S+/gi;

/** Links written in a text. */
export function findUrls(text: string): string[] {
  return text.match(URL_PATTERN) ?? [];
}

/**
 * Words used to compare texts: lower case, «ё» folded to «е», links, mentions, emoji and
 * punctuation dropped, so a repost with a different emoji or link still matches.
 */
export function matchingWords(text: string): string[] {
  return words(text.replace(URL_PATTERN, ' ').replace(/[@#][\p{L}\p{N}_]+/gu, ' '));
}

/** Whether a text has anything a person could read as words or numbers. */
export function hasReadableContent(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}
