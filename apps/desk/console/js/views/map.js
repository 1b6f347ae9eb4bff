// Incidents with coordinates as points on the territory's bounds. No map tiles: the network may
// not reach a tile server, so the map is a projected grid of latitude and longitude.
import { api, query } from '../api.js';
import { h, svg } from '../dom.js';
import { label, STATES } from '../labels.js';

const WIDTH = 900;
const HEIGHT = 600;
const PAD = 40;

function niceStep(span) {
  const raw = span / 6;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((step) => step >= raw) ?? power * 10;
}

/** Equirectangular projection scaled by cos(latitude), so distances look right in the middle. */
function projection(points) {
  const lats = points.map((p) => p.lat);
  const lons = points.map((p) => p.lon);
  const pad = (min, max) => (max - min < 0.01 ? [min - 0.05, max + 0.05] : [min - (max - min) * 0.08, max + (max - min) * 0.08]);
  let [south, north] = pad(Math.min(...lats), Math.max(...lats));
  let [west, east] = pad(Math.min(...lons), Math.max(...lons));
  const k = Math.cos((((south + north) / 2) * Math.PI) / 180);
  const scale = Math.min((WIDTH - 2 * PAD) / ((east - west) * k), (HEIGHT - 2 * PAD) / (north - south));
  // Widen the shorter side so the points sit in the middle of the frame.
  const extraLon = ((WIDTH - 2 * PAD) / (k * scale) - (east - west)) / 2;
  const extraLat = ((HEIGHT - 2 * PAD) / scale - (north - south)) / 2;
  [west, east, south, north] = [west - extraLon, east + extraLon, south - extraLat, north + extraLat];
  return { south, north, west, east, x: (lon) => PAD + (lon - west) * k * scale, y: (lat) => HEIGHT - PAD - (lat - south) * scale };
}

function draw(points) {
  const p = projection(points);
  const grid = [];
  const latStep = niceStep(p.north - p.south);
  for (let lat = Math.ceil(p.south / latStep) * latStep; lat <= p.north; lat += latStep) {
    grid.push(svg('line', { x1: PAD, x2: WIDTH - PAD, y1: p.y(lat), y2: p.y(lat), class: 'grid' }), svg('text', { x: 4, y: p.y(lat) + 4, class: 'grid-label' }, `${lat.toFixed(2)}°`));
  }
  const lonStep = niceStep(p.east - p.west);
  for (let lon = Math.ceil(p.west / lonStep) * lonStep; lon <= p.east; lon += lonStep) {
    grid.push(svg('line', { y1: PAD, y2: HEIGHT - PAD, x1: p.x(lon), x2: p.x(lon), class: 'grid' }), svg('text', { x: p.x(lon) - 14, y: HEIGHT - 8, class: 'grid-label' }, `${lon.toFixed(2)}°`));
  }
  const dots = points.map((point) =>
    svg(
      'a',
      { href: `#/incident/${encodeURIComponent(point.incidentId)}` },
      svg(
        'circle',
        { cx: p.x(point.lon), cy: p.y(point.lat), r: 6, class: `dot ${point.overdue ? 'overdue' : `state-${point.state}`}` },
        svg('title', {}, `${point.number ?? point.incidentId}: ${label(STATES, point.state)}${point.overdue ? ', просрочено' : ''}`),
      ),
    ),
  );
  return svg(
    'svg',
    { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'map', role: 'img', 'aria-label': 'Карта обращений' },
    svg('rect', { x: PAD, y: PAD, width: WIDTH - 2 * PAD, height: HEIGHT - 2 * PAD, class: 'bounds' }),
    ...grid,
    ...dots,
  );
}

export function mapView(root) {
  const open = h('input', { type: 'checkbox', checked: true });
  const body = h('div', {});
  async function load() {
    const points = await api.get(`/api/v1/incidents/map${query({ open: open.checked ? 'true' : undefined, limit: 2000 })}`);
    body.replaceChildren(
      points.length ? draw(points) : h('p', { class: 'empty' }, 'Нет обращений с координатами'),
      h(
        'p',
        { class: 'legend' },
        h('span', { class: 'dot-key overdue' }),
        ' просрочено ',
        h('span', { class: 'dot-key state-routed' }),
        ' в работе ',
        h('span', { class: 'dot-key state-answered' }),
        ' ответ дан',
        h('span', { class: 'muted' }, ` · точек: ${points.length}`),
      ),
    );
  }
  open.addEventListener('change', () => void load());
  root.append(h('section', {}, h('div', { class: 'heading' }, h('h1', {}, 'Карта'), h('label', { class: 'check' }, open, 'только открытые')), body));
  void load().catch((error) => body.replaceChildren(h('p', { class: 'error' }, error.message)));
  const timer = setInterval(() => void load().catch(() => undefined), 30000);
  return () => clearInterval(timer);
}
