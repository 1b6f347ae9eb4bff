const HTML_TAG = /<[^>]{0,500}>/g;
const HTML_ENTITY = /&(#\d{1,6}|#x[0-9a-f]{1,6}|[a-z]{2,8});/gi;
const NAMED_ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', quot: '"', lt: '<', gt: '>', laquo: '«', raquo: '»', ndash: '–', mdash: '—', hellip: '…' };
/** Masks the data sources put in place of personal data; they carry no meaning for the topic. */
const PRIVACY_MASK = /\[(name|phone|email|\.\.\.)\]/gi;

function decodeEntity(entity: string, body: string): string {
  if (body.startsWith('#x') || body.startsWith('#X')) return String.fromCodePoint(parseInt(body.slice(2), 16) || 32);
  if (body.startsWith('#')) return String.fromCodePoint(parseInt(body.slice(1), 10) || 32);
  return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
}

/**
 * Plain text from what a post or appeal holds: HTML markup removed and entities decoded (the
 * Kursk portal stores rich text), privacy masks dropped, whitespace collapsed. Case is kept so
 * that place extraction can still see capitalised names.
 */
export function toPlainText(raw: string): string {
  let text = raw;
  if (text.includes('<')) text = text.replace(HTML_TAG, ' ');
  if (text.includes('&')) text = text.replace(HTML_ENTITY, decodeEntity);
  if (text.includes('[')) text = text.replace(PRIVACY_MASK, ' ');
  return text.replace(/\s+/g, ' ').trim();
}

/** Lower case with ё folded into е, the form every lexicon and feature in the classifier uses. */
export function foldCase(text: string): string {
  return text.toLowerCase().replace(/ё/g, 'е');
}
