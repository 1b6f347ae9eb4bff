import { normaliseText } from '@otklik/text';

export { normaliseText };

const TRANSLIT: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

/** ASCII slug of a Russian name, for directory codes: «Невский район» → `nevsky-rayon`. */
export function slugify(text: string): string {
  return [...normaliseText(text)]
    .map((ch) => TRANSLIT[ch] ?? ch)
    .join('')
    .replace(/iy\b/g, 'y')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
