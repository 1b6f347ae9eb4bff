import { normaliseText } from '@otklik/text';
import { IncidentPlace } from './incident.model';

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
 * Same place: the same address, or coordinates within `withinMeters`. A place known only by its
 * territory (a district) is too broad to group on — those posts start their own incident.
 */
export function samePlace(a: IncidentPlace | undefined, b: IncidentPlace | undefined, withinMeters: number): boolean {
  if (!a || !b) return false;
  if (a.address && b.address && addressKey(a.address) !== '' && addressKey(a.address) === addressKey(b.address)) return true;
  if (a.geo && b.geo) return distanceMeters(a.geo, b.geo) <= withinMeters;
  return false;
}

/** Side of the grid cells places are indexed by; a look-up reads the cells around a point. */
const CELL_METERS = 200;
const METERS_PER_DEGREE = 111_320;

function rowOf(lat: number): number {
  return Math.floor((lat * METERS_PER_DEGREE) / CELL_METERS);
}

// A row's cells are CELL_METERS wide at the row's latitude, so a degree of longitude holds fewer of them towards the pole.
function columnOf(row: number, lon: number): number {
  const latitude = ((row + 0.5) * CELL_METERS) / METERS_PER_DEGREE;
  return Math.floor((lon * METERS_PER_DEGREE * Math.cos((latitude * Math.PI) / 180)) / CELL_METERS);
}

/** Keys a place is indexed under: its address, and the grid cell of its coordinates. */
export function placeKeys(place: IncidentPlace | undefined): string[] {
  if (!place) return [];
  const address = place.address ? addressKey(place.address) : '';
  const row = place.geo ? rowOf(place.geo.lat) : undefined;
  return [...(address ? [`a:${address}`] : []), ...(place.geo && row !== undefined ? [`g:${row}:${columnOf(row, place.geo.lon)}`] : [])];
}

/**
 * Keys under which a place within `withinMeters` of this one may be indexed: the same address,
 * and every grid cell near enough to hold such a point. Empty for a place that cannot be matched.
 */
export function nearbyKeys(place: IncidentPlace | undefined, withinMeters: number): string[] {
  if (!place) return [];
  const keys = placeKeys(place).filter((key) => key.startsWith('a:'));
  if (!place.geo) return keys;
  // A point within the distance is at most this many cells away in each direction (a cell's width
  // barely changes between neighbouring rows).
  const reach = Math.ceil(withinMeters / CELL_METERS);
  const row = rowOf(place.geo.lat);
  for (let r = row - reach; r <= row + reach; r++) {
    const column = columnOf(r, place.geo.lon);
    for (let c = column - reach; c <= column + reach; c++) keys.push(`g:${r}:${c}`);
  }
  return keys;
}
