import { Matches, ValidationOptions } from 'class-validator';

// Otklik names every place with one code scheme, in events, APIs, seeds and stores:
//
// - **OKTMO** (Общероссийский классификатор территорий муниципальных образований) where the place
//   has a code there: 8 digits for a region or a municipality (`40000000` St Petersburg,
//   `38701000` the city of Kursk), 11 for a settlement (`38608101` Dmitriev).
// - Otherwise a **local code** `<region key>:<name>[:<name>…]`, each level inside the one before:
//   `40:nevsky` (a city district, which OKTMO does not list), `40:nevsky:rybatskoe` (an inner-city
//   municipal okrug), `38:kursk:seymsky`. Names are lower-case Latin letters, digits and hyphens.
// - The **region key** is the region's OKTMO code without its trailing zeros, at least two digits:
//   `40` St Petersburg, `118` the Nenets okrug (which shares `11` with Arkhangelsk oblast). It leads
//   every local code and is the `regionCode` incidents are counted under; `00` means no region.
//
// Not territory codes: an incident's number shows the region's constitutional subject number
// (`78-2026-000123`), the form people in the region know; it is derived from the region, never read
// back as a place. Events and sources written before this scheme carry ISO 3166-2-based codes
// (`RU-SPE`, `RU-SPE:nevsky`); readers still accept them, producers never write them.

/** An OKTMO code: 8 digits (a region or a municipality) or 11 (a settlement). */
export const OKTMO_CODE = /^\d{8}(\d{3})?$/;

/** A local territory code: a region key, then one or more names, e.g. `40:nevsky`. */
export const LOCAL_TERRITORY_CODE = /^\d{2,3}(:[a-z0-9]+(-[a-z0-9]+)*)+$/;

/** A region key: the region's OKTMO code without trailing zeros (`40`, `118`); `00` for none. */
export const REGION_KEY = /^\d{2,3}$/;

/** The ISO 3166-2-based form written before the current scheme (`RU-SPE:nevsky`); read, never written. */
export const LEGACY_TERRITORY_CODE = /^RU-[A-Z]{2,3}(:[a-z0-9]+([.-][a-z0-9]+)*)?$/;

/** Either form of the current scheme. */
export const TERRITORY_CODE = new RegExp(`(${OKTMO_CODE.source})|(${LOCAL_TERRITORY_CODE.source})`);

/** Either form of the current scheme, or the legacy one that stored events still carry. */
const READABLE_TERRITORY_CODE = new RegExp(`${TERRITORY_CODE.source}|(${LEGACY_TERRITORY_CODE.source})`);

const TERRITORY_CODE_RULE = 'an OKTMO code (8 or 11 digits, e.g. 38701000) or a local code <region key>:<name> (e.g. 40:nevsky)';
const REGION_KEY_RULE = "a region key: the region's OKTMO code without trailing zeros (e.g. 40)";

/** What each pattern above asks for, in words, keyed by the pattern's source: schema errors quote it instead of the expression. */
export const TERRITORY_PATTERN_RULES: ReadonlyMap<string, string> = new Map([
  [TERRITORY_CODE.source, TERRITORY_CODE_RULE],
  [READABLE_TERRITORY_CODE.source, TERRITORY_CODE_RULE],
  [REGION_KEY.source, REGION_KEY_RULE],
]);

/** Whether `code` is a territory code of the current scheme (OKTMO or local). */
export function isTerritoryCode(code: string): boolean {
  return TERRITORY_CODE.test(code);
}

/** Whether `code` is a territory code in the legacy ISO-based form (`RU-SPE:nevsky`). */
export function isLegacyTerritoryCode(code: string): boolean {
  return LEGACY_TERRITORY_CODE.test(code);
}

/**
 * Validates a territory code of the current scheme; for what clients send (sources, intake,
 * directory, corrections), so that nothing new is written in another form.
 */
export function IsTerritoryCode(options?: ValidationOptions): PropertyDecorator {
  return Matches(TERRITORY_CODE, { message: ({ property }) => `${property} must be ${TERRITORY_CODE_RULE}`, ...options });
}

/** Validates a territory code in an event: the current scheme, or the legacy form events written before it carry. */
export function IsReadableTerritoryCode(options?: ValidationOptions): PropertyDecorator {
  return Matches(READABLE_TERRITORY_CODE, { message: ({ property }) => `${property} must be ${TERRITORY_CODE_RULE}`, ...options });
}

/** Validates a region key (`40`, `118`, `00` for none). */
export function IsRegionKey(options?: ValidationOptions): PropertyDecorator {
  return Matches(REGION_KEY, { message: ({ property }) => `${property} must be ${REGION_KEY_RULE}`, ...options });
}
