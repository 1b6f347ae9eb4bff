import { normaliseText } from '@otklik/text';
import { IncidentPlace } from '../incidents/incident.model';
import { GroupingPolicy } from '../config/policies';

const EARTH_RADIUS_M = 6_371_000;

/** Great-circle distance in metres. */
export function distanceMeters(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

// Abbreviations and their full forms meet on one key: «ул. Ленина, д. 5» = «улица Ленина, дом 5»;
// the city's own name says nothing inside one territory.
const ADDRESS_WORDS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    ул: 'улица',
    пр: 'проспект',
    просп: 'проспект',
    пер: 'переулок',
    наб: 'набережная',
    ш: 'шоссе',
    пл: 'площадь',
    бул: 'бульвар',
    д: 'дом',
    к: 'корпус',
    корп: 'корпус',
    лит: 'литера',
    г: '',
    город: '',
    санкт: '',
    петербург: '',
    спб: '',
    курск: '',
  }),
);

/** Address key: case, punctuation, abbreviations and the city name do not matter. */
export function addressKey(address: string): string {
  return normaliseText(address.replace(/пр-т/gi, 'проспект').replace(/б-р/gi, 'бульвар'))
    .split(' ')
    .map((w) => ADDRESS_WORDS.get(w) ?? w)
    .filter((w) => w !== '')
    .join(' ');
}

/**
 * Same place: the same address, or coordinates within the policy's distance. A place known only
 * by its territory (a district) is too broad to group on — those posts start their own incident.
 */
export function samePlace(a: IncidentPlace | undefined, b: IncidentPlace | undefined, policy: GroupingPolicy): boolean {
  if (!a || !b) return false;
  if (a.address && b.address && addressKey(a.address) !== '' && addressKey(a.address) === addressKey(b.address)) return true;
  if (a.geo && b.geo) return distanceMeters(a.geo, b.geo) <= policy.maxDistanceMeters;
  return false;
}
