// The console's shell: who is signed in, the menu for their role, and the page for the address.
import { api } from './api.js';
import { clear, h } from './dom.js';
import { label, ROLES } from './labels.js';
import { agencyView } from './views/agency.js';
import { dashboardsView } from './views/dashboards.js';
import { incidentView } from './views/incident.js';
import { incidentsView } from './views/incidents.js';
import { loginView } from './views/login.js';
import { mapView } from './views/map.js';
import { postsView } from './views/posts.js';
import { queueView } from './views/queue.js';
import { surgesView } from './views/surges.js';
import { ratingsView } from './views/ratings.js';
import { agencyName, loadAgencies } from './agencies.js';

const OPERATOR_MENU = [
  ['#/queue', 'Очередь'],
  ['#/surges', 'Всплески'],
  ['#/posts', 'Сообщения'],
  ['#/incidents', 'Поиск'],
  ['#/dashboards', 'Показатели'],
  ['#/map', 'Карта'],
];
const AGENCY_MENU = [
  ['#/agency', 'Мои обращения'],
  ['#/incidents', 'Поиск'],
];
// Every role has the agencies' rating (agency staff see their own agency's line).
const RATINGS_ITEM = ['#/ratings', 'Рейтинг'];

const session = { me: undefined };
let stopView;

function menuFor(me) {
  return [...(me.role === 'agency' ? AGENCY_MENU : OPERATOR_MENU), RATINGS_ITEM];
}

function home(me) {
  return me.role === 'agency' ? '#/agency' : '#/queue';
}

function renderTopbar(me) {
  const bar = document.querySelector('.topbar');
  bar.hidden = !me;
  if (!me) return;
  const nav = clear(document.getElementById('nav'));
  for (const [href, text] of menuFor(me)) nav.append(h('a', { href, 'aria-current': location.hash.startsWith(href) ? 'page' : undefined }, text));
  document.getElementById('who').textContent = `${me.displayName ?? me.name} · ${label(ROLES, me.role)}${me.agencyId ? ` · ${agencyName(me.agencyId)}` : ''}`;
}

async function route() {
  stopView?.();
  stopView = undefined;
  const view = clear(document.getElementById('view'));
  if (!session.me) {
    renderTopbar(undefined);
    loginView(view, async () => {
      session.me = await api.get('/api/v1/auth/me');
      await loadAgencies();
      location.hash = home(session.me);
      await route();
    });
    return;
  }
  const [, page, id] = location.hash.split('/');
  renderTopbar(session.me);
  const pages = {
    queue: queueView,
    surges: surgesView,
    posts: postsView,
    incidents: incidentsView,
    incident: incidentView,
    dashboards: dashboardsView,
    map: mapView,
    agency: agencyView,
    ratings: ratingsView,
  };
  const show = pages[page];
  if (!show) {
    location.hash = home(session.me);
    return;
  }
  stopView = show(view, { me: session.me, id: id && decodeURIComponent(id) });
}

async function start() {
  try {
    session.me = await api.get('/api/v1/auth/me');
    await loadAgencies();
  } catch {
    session.me = undefined;
  }
  await route();
}

window.addEventListener('hashchange', () => void route());
window.addEventListener('desk:signed-out', () => {
  if (!session.me) return;
  session.me = undefined;
  void route();
});
document.getElementById('logout').addEventListener('click', async () => {
  await api.post('/api/v1/auth/logout').catch(() => undefined);
  session.me = undefined;
  location.hash = '';
  await route();
});

void start();
