import { decodeHtmlEntities } from '@otklik/text';

const HTML_TAG = /<[^>]{0,500}>/g;
/** Masks the data sources put in place of personal data; they carry no meaning for the topic. */
const PRIVACY_MASK = /\[(name|phone|email|\.\.\.)\]/gi;

/**
 * Plain text from what a post or appeal holds: HTML markup removed and entities decoded (the
 * Kursk portal stores rich text), privacy masks dropped, whitespace collapsed. Case is kept so
 * that place extraction can still see capitalised names. Each tag becomes a space, as it did
 * when the model was trained.
 */
export function toPlainText(raw: string): string {
  let text = raw;
  if (text.includes('<')) text = text.replace(HTML_TAG, ' ');
  text = decodeHtmlEntities(text);
  if (text.includes('[')) text = text.replace(PRIVACY_MASK, ' ');
  return text.replace(/\s+/g, ' ').trim();
}
