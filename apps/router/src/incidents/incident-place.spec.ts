import { distanceMeters, nearbyKeys, placeKeys } from './incident-place';

/** The point `meters` from (lat, lon) towards `bearing` degrees (flat approximation, fine at these distances). */
function moved(lat: number, lon: number, meters: number, bearing: number): { lat: number; lon: number } {
  const rad = (bearing * Math.PI) / 180;
  const dLat = (meters * Math.cos(rad)) / 111_320;
  const dLon = (meters * Math.sin(rad)) / (111_320 * Math.cos((lat * Math.PI) / 180));
  return { lat: lat + dLat, lon: lon + dLon };
}

describe('place keys of the grouping index', () => {
  it.each([43.1, 59.94, 69.35])('finds the cell of every point within the distance, at latitude %d', (lat) => {
    const centre = { lat, lon: 30.31 };
    const near = new Set(nearbyKeys({ geo: centre }, 150));
    for (let bearing = 0; bearing < 360; bearing += 10) {
      for (const meters of [0, 40, 100, 149]) {
        const point = moved(centre.lat, centre.lon, meters, bearing);
        expect(distanceMeters(centre, point)).toBeLessThanOrEqual(150);
        expect(near).toContain(placeKeys({ geo: point })[0]);
      }
    }
  });

  it('keys an address by its normalised form, and a place with neither address nor coordinates by nothing', () => {
    expect(placeKeys({ address: 'г. Санкт-Петербург, ул. Седова, д. 12' })).toEqual(placeKeys({ address: 'улица Седова, дом 12' }));
    expect(nearbyKeys({ address: 'улица Седова, дом 12' }, 150)).toEqual(['a:улица седова дом 12']);
    expect(placeKeys({ territoryCode: '40:nevsky' })).toEqual([]);
    expect(nearbyKeys({ territoryCode: '40:nevsky' }, 150)).toEqual([]);
  });
});
