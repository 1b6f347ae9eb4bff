/** A street address found in a text. */
export interface StreetAddress {
  /** Normalised: full street type then name, e.g. `улица Ленина`. */
  readonly street: string;
  readonly house?: string;
  readonly building?: string;
  /** The text as written. */
  readonly raw: string;
}

const STREET_TYPES: readonly [RegExp, string][] = [
  [/^(?:ул|улиц[аеуы]?)\.?$/i, 'улица'],
  [/^(?:пр|пр-т|пр-кт|просп|проспект[аеу]?)\.?$/i, 'проспект'],
  [/^(?:пер|переул(?:ок|ке|ка))\.?$/i, 'переулок'],
  [/^(?:наб|набережн(?:ая|ой|ую))\.?$/i, 'набережная'],
  [/^(?:ш|шоссе)\.?$/i, 'шоссе'],
  [/^(?:б-р|бул|бульвар[аеу]?)\.?$/i, 'бульвар'],
  [/^(?:пл|площад[ьи])\.?$/i, 'площадь'],
  [/^(?:проезд[аеу]?)$/i, 'проезд'],
  [/^(?:линия|линии|лин)\.?$/i, 'линия'],
];

const TYPE =
  '(ул\\.?|улиц[аеуы]|пр-к?т\\.?|просп\\.?|проспект[аеу]?|пр\\.|пер\\.?|переул(?:ок|ке|ка)|наб\\.?|набережн(?:ая|ой|ую)|ш\\.|шоссе|б-р|бул\\.|бульвар[аеу]?|пл\\.|площад[ьи]|проезд[аеу]?|лини[яи]|лин\\.)';
const NAME = '((?:\\d{1,2}-?[а-яё]{0,2}\\s+)?[А-ЯЁ][а-яё-]+(?:\\s+[А-ЯЁ][а-яё-]+){0,2})';
const HOUSE = '(?:,?\\s*(?:д\\.|дом|д)?\\s*(\\d{1,4}(?:\\s?[а-яёА-ЯЁ](?![а-яёА-ЯЁ]))?(?:\\/\\d{1,3})?))?(?:,?\\s*(?:к\\.|корп\\.?|корпус|к)\\s*(\\d{1,2}))?';
const TYPE_FIRST = new RegExp(`(?<![а-яё])${TYPE}\\s*${NAME}${HOUSE}`, 'gu');
const NAME_FIRST = new RegExp(`(?<![а-яё])([А-ЯЁ][а-яё]+(?:ий|ый|ой|ая|ое))\\s+${TYPE}${HOUSE}`, 'gu');

function normaliseType(type: string): string {
  const bare = type.trim();
  for (const [pattern, full] of STREET_TYPES) if (pattern.test(bare)) return full;
  return bare.toLowerCase();
}

/**
 * Street addresses in plain text (case kept: street names are capitalised). Both orders are
 * read: "ул. Ленина, 5" and "Невский пр., 10".
 */
export function extractAddresses(text: string): StreetAddress[] {
  const found: StreetAddress[] = [];
  for (const m of text.matchAll(TYPE_FIRST)) found.push(address(normaliseType(m[1]), m[2], m[3], m[4], m[0]));
  for (const m of text.matchAll(NAME_FIRST)) found.push(address(normaliseType(m[2]), m[1], m[3], m[4], m[0]));
  const seen = new Set<string>();
  return found.filter((a) => !seen.has(a.raw) && seen.add(a.raw));
}

function address(type: string, name: string, house: string | undefined, building: string | undefined, raw: string): StreetAddress {
  return {
    street: `${type} ${name.trim()}`,
    ...(house ? { house: house.replace(/\s+/g, '').toLowerCase() } : {}),
    ...(building ? { building } : {}),
    raw: raw.trim(),
  };
}
