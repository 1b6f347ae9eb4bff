import { regionOf } from '@otklik/reference';

/**
 * Zone of a region (its key `40`, or an OKTMO code inside it): the IANA zone of its capital, from
 * the reference region list. Regions that span zones (Yakutia, Sakhalin) take the capital's; an
 * agency elsewhere sets its own zone. Separate zones matter for the past: Saratov, Ulyanovsk,
 * Astrakhan, Volgograd, Tomsk, Barnaul, Novosibirsk, Chita, Magadan and Sakhalin changed offsets
 * apart from their neighbours. Undefined for a code Otklik does not know.
 */
export function regionZone(regionCode: string): string | undefined {
  return regionOf(regionCode)?.timeZone;
}
