import { decodeHtmlEntities } from './html-entities';

describe('decodeHtmlEntities', () => {
  it('decodes &quot;, a decimal Cyrillic reference and &nbsp; as a plain space', () => {
    expect(decodeHtmlEntities('&quot;&#1058;ЭЦ&quot;&nbsp;не греет')).toBe('"ТЭЦ" не греет');
  });

  it('decodes hexadecimal references outside the basic plane and named quotes', () => {
    expect(decodeHtmlEntities('&laquo;Мусор&raquo; &amp; грязь &#128545; &#x1F4A9;')).toBe('«Мусор» & грязь 😡 💩');
  });

  it('leaves unknown names and impossible code points as written', () => {
    expect(decodeHtmlEntities('&notanentity; &#0; &#x110000;')).toBe('&notanentity; &#0; &#x110000;');
  });
});
