import { cleanPostText, findUrls, hasReadableContent, matchingWords } from './text';
import { MIN_PSEUDONYM_KEY_BYTES, Pseudonymiser } from './pseudonymiser';

describe('cleanPostText', () => {
  it('strips HTML tags and turns paragraphs and line breaks into new lines', () => {
    expect(cleanPostText('<p>Нет воды</p><p>третий <b>день</b><br/>ул. Ленина, 5</p>')).toBe('Нет воды\n\nтретий день\nул. Ленина, 5');
  });

  it('drops script and style content entirely', () => {
    expect(cleanPostText('Яма<script>alert(1)</script><style>p{}</style> у дома')).toBe('Яма у дома');
  });

  it('decodes named and numeric entities, emoji included', () => {
    expect(cleanPostText('&laquo;Мусор&raquo; &amp; грязь &#128545; &#x1F4A9;&nbsp;!')).toBe('«Мусор» & грязь 😡 💩 !');
  });

  it('keeps emoji and a lone less-than sign', () => {
    expect(cleanPostText('Температура < 15°C в квартире 🥶🥶')).toBe('Температура < 15°C в квартире 🥶🥶');
  });

  it('replaces VK mention markup with the visible name', () => {
    expect(cleanPostText('[club123|Администрация района], [id5|Иван], [https://vk.com/x|ссылка]')).toBe('Администрация района, Иван, ссылка');
  });

  it('collapses runs of spaces and blank lines', () => {
    expect(cleanPostText('  a \t  b \r\n\r\n\r\n\r\n c  ')).toBe('a b\n\nc');
  });

  it('leaves unknown entities as written', () => {
    expect(cleanPostText('&notanentity; &#0;')).toBe('&notanentity; &#0;');
  });
});

describe('matchingWords', () => {
  it('folds case and «ё», drops links, mentions, emoji and punctuation', () => {
    expect(matchingWords('Ещё НЕТ воды!!! 😡 https://vk.com/wall-1_2 @admin #жкх')).toEqual(['еще', 'нет', 'воды']);
  });
});

describe('findUrls and hasReadableContent', () => {
  it('finds links and tells emoji-only text from words', () => {
    expect(findUrls('см. https://a.ru/x и www.b.ru')).toEqual(['https://a.ru/x', 'www.b.ru']);
    expect(hasReadableContent('🔥🔥🔥 !!!')).toBe(false);
    expect(hasReadableContent('дом 5')).toBe(true);
  });
});

describe('Pseudonymiser', () => {
  const key = 'k'.repeat(MIN_PSEUDONYM_KEY_BYTES);

  it('gives one author the same pseudonym and different platforms different ones', () => {
    const p = new Pseudonymiser(key);
    expect(p.pseudonym('vk', '42')).toBe(p.pseudonym('vk', '42'));
    expect(p.pseudonym('vk', '42')).not.toBe(p.pseudonym('ok', '42'));
    expect(p.pseudonym('vk', '42')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('depends on the key, so the id cannot be recovered by hashing candidates', () => {
    expect(new Pseudonymiser(key).pseudonym('vk', '42')).not.toBe(new Pseudonymiser('z'.repeat(40)).pseudonym('vk', '42'));
  });

  it('refuses a short key', () => {
    expect(() => new Pseudonymiser('short')).toThrow(/at least 32 bytes/);
  });
});
