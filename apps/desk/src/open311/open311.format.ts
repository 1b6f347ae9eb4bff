/**
 * GeoReport v2 answers in JSON or XML, chosen by the path's extension (`services.json`,
 * `requests/123.xml`). The XML follows the spec's element names: a plural root with one
 * element per item.
 */
export type Open311Format = 'json' | 'xml';

/** Splits `housing.heating.json` into the id and the format; no extension means JSON. */
export function splitFormat(file: string): { id: string; format: Open311Format } | undefined {
  const match = /^(.*)\.(json|xml)$/i.exec(file);
  if (!match) return file ? { id: file, format: 'json' } : undefined;
  return { id: match[1] ?? '', format: (match[2] ?? 'json').toLowerCase() as Open311Format };
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[char] ?? char);
}

/** Element names of array items inside a parent element (the spec's singular forms). */
const ITEM_NAMES: Record<string, string> = { attributes: 'attribute', values: 'value', keywords: 'keyword' };

function element(name: string, value: unknown): string {
  if (value === undefined || value === null) return `<${name}/>`;
  if (Array.isArray(value)) {
    const item = ITEM_NAMES[name] ?? 'item';
    return `<${name}>${value.map((entry) => element(item, entry)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    return `<${name}>${Object.entries(value)
      .map(([key, inner]) => element(key, inner))
      .join('')}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** An XML document: a list as `<root><item>…</item>…</root>`, an object's fields straight under the root. */
export function toXml(root: string, item: string, body: unknown[] | object): string {
  const content = Array.isArray(body)
    ? body.map((entry) => element(item, entry)).join('')
    : Object.entries(body)
        .map(([key, value]) => element(key, value))
        .join('');
  return `<?xml version="1.0" encoding="utf-8"?><${root}>${content}</${root}>`;
}
