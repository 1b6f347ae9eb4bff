// The management centre's figures: volume by category and territory, on-time share, breaches today.
import { api, query } from '../api.js';
import { h, showError } from '../dom.js';
import { percent } from '../format.js';
import { agencyName } from '../agencies.js';

function bars(rows, { value, text, max = Math.max(1, ...rows.map(value)), format = String, kind = '', empty = 'Нет данных за период' }) {
  if (!rows.length) return h('p', { class: 'empty' }, empty);
  return h(
    'ul',
    { class: 'bars' },
    rows.map((row) => {
      const bar = h('span', { class: `bar ${kind}` });
      bar.style.width = `${Math.max(2, (value(row) / max) * 100)}%`;
      return h('li', {}, h('span', { class: 'bar-label' }, text(row)), h('span', { class: 'bar-track' }, bar), h('span', { class: 'bar-value' }, format(value(row))));
    }),
  );
}

function matrix(dashboard) {
  const categories = dashboard.volume.byCategory.slice(0, 8);
  const territories = dashboard.volume.byTerritory.slice(0, 10);
  if (!categories.length) return h('p', { class: 'empty' }, 'Нет данных за период');
  const cell = new Map(dashboard.volume.matrix.map((m) => [`${m.categoryCode}|${m.territory}`, m.count]));
  return h(
    'table',
    { class: 'matrix' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', {}, 'Территория'),
        categories.map((c) => h('th', {}, c.name)),
      ),
    ),
    h(
      'tbody',
      {},
      territories.map((territory) =>
        h(
          'tr',
          {},
          h('th', {}, territory.name ?? territory.territory),
          categories.map((c) => h('td', {}, String(cell.get(`${c.categoryCode}|${territory.territory}`) ?? ''))),
        ),
      ),
    ),
  );
}

export function dashboardsView(root) {
  const from = h('input', { type: 'date', name: 'from' });
  const to = h('input', { type: 'date', name: 'to' });
  const error = h('div', { class: 'error', hidden: true });
  const body = h('div', { class: 'dashboards' });

  async function load(event) {
    event?.preventDefault();
    error.hidden = true;
    try {
      const d = await api.get(`/api/v1/dashboards${query({ from: from.value, to: to.value })}`);
      from.value = d.period.from;
      to.value = d.period.to;
      body.replaceChildren(
        h(
          'section',
          { class: 'card wide' },
          h('h2', {}, `Нарушения сроков сегодня, ${d.breachesToday.day.split('-').reverse().join('.')}`),
          h('div', { class: `big${d.breachesToday.total ? ' alarm' : ''}` }, String(d.breachesToday.total)),
          bars(d.breachesToday.byAgency, { value: (r) => r.count, text: (r) => agencyName(r.agencyId), kind: 'alarm', empty: 'Сегодня сроки не нарушены' }),
        ),
        h('section', { class: 'card' }, h('h2', {}, `Обращения по темам (всего ${d.volume.total})`), bars(d.volume.byCategory, { value: (r) => r.count, text: (r) => r.name })),
        h('section', { class: 'card' }, h('h2', {}, 'Обращения по территориям'), bars(d.volume.byTerritory, { value: (r) => r.count, text: (r) => r.name ?? r.territory })),
        h(
          'section',
          { class: 'card wide' },
          h('h2', {}, 'Доля ответов в срок по ведомствам'),
          bars(d.onTime, { value: (r) => r.share, max: 1, format: percent, text: (r) => `${agencyName(r.agencyId)} (${r.onTime} из ${r.onTime + r.late})`, kind: 'ok' }),
        ),
        h('section', { class: 'card wide' }, h('h2', {}, 'Темы × территории'), matrix(d)),
        h(
          'section',
          { class: 'card wide grouping' },
          h('h2', {}, 'Повторные сообщения и объединения'),
          h('p', {}, `Присоединено к открытым обращениям: ${d.grouping.groupedPosts} · объединено обращений: ${d.grouping.merges} · разделено: ${d.grouping.splits}`),
          bars(d.grouping.byCategory, { value: (r) => r.groupedPosts, text: (r) => r.name, empty: 'Повторных сообщений за период нет' }),
        ),
      );
    } catch (failure) {
      showError(error, failure);
    }
  }

  root.append(
    h(
      'section',
      {},
      h('h1', {}, 'Показатели'),
      h('form', { class: 'filters', onsubmit: load }, h('label', {}, 'с', from), h('label', {}, 'по', to), h('button', { type: 'submit', class: 'primary' }, 'Показать')),
      error,
      body,
    ),
  );
  void load();
  const timer = setInterval(() => void load(), 30000);
  return () => clearInterval(timer);
}
