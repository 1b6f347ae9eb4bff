// The agencies' monthly quality rating (docs/ratings.md); agency staff see their own agency's line.
import { api, query } from '../api.js';
import { h, showError } from '../dom.js';
import { percent } from '../format.js';
import { agencyName } from '../agencies.js';

const COMPONENTS = [
  ['onTime', 'В срок', 'Доля сроков, соблюдённых из всех закрытых ответом'],
  ['substance', 'По существу', 'Доля ответов, не отмеченных как отписка'],
  ['satisfaction', 'Подтверждено жителем', 'Доля подтверждений среди отзывов жителей'],
  ['stability', 'Без переоткрытия', 'Доля ответов, после которых срок не открывался заново'],
  ['routing', 'Без ошибок адресации', 'Доля поступивших без возвратов, вменённых ведомству'],
];
const COUNTS = [
  ['received', 'Поступило'],
  ['answers', 'Ответов'],
  ['flagged', 'Отписок'],
  ['reopened', 'Переоткрыто'],
  ['disputed', 'Оспорено жителем'],
  ['confirmed', 'Подтверждено жителем'],
  ['misrouted', 'Возвратов по вине'],
];

const share = (value) => (value === null || value === undefined ? '—' : percent(value));

function table(report) {
  if (!report.agencies.length) return h('p', { class: 'empty' }, 'За этот месяц оценивать нечего');
  return h(
    'table',
    { class: 'incidents ratings' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', {}, 'Ведомство'),
        h('th', {}, 'Рейтинг'),
        COMPONENTS.map(([, text, title]) => h('th', { title }, text)),
        COUNTS.map(([, text]) => h('th', {}, text)),
      ),
    ),
    h(
      'tbody',
      {},
      report.agencies.map((row) =>
        h(
          'tr',
          { dataset: { agency: row.agencyId } },
          h('td', {}, agencyName(row.agencyId)),
          h('td', { class: 'rating' }, row.rating === null ? '—' : String(row.rating).replace('.', ',')),
          COMPONENTS.map(([name]) => h('td', { dataset: { component: name } }, share(row.components[name]))),
          COUNTS.map(([name]) => h('td', { dataset: { count: name } }, String(row[name]))),
        ),
      ),
    ),
  );
}

export function ratingsView(root, { me }) {
  const month = h('input', { type: 'month', name: 'month', 'aria-label': 'Месяц' });
  const csv = h('a', { download: true }, 'Скачать CSV');
  const error = h('div', { class: 'error', hidden: true });
  const body = h('div', { class: 'ratings-body' });

  async function load(event) {
    event?.preventDefault();
    error.hidden = true;
    try {
      const report = await api.get(`/api/v1/ratings${query({ month: month.value })}`);
      month.value = report.month;
      csv.href = `/api/v1/ratings${query({ month: report.month, format: 'csv' })}`;
      body.replaceChildren(table(report));
    } catch (failure) {
      showError(error, failure);
    }
  }

  root.append(
    h(
      'section',
      {},
      h('h1', {}, me.role === 'agency' ? 'Рейтинг ведомства' : 'Рейтинг ведомств'),
      h('form', { class: 'filters', onsubmit: load }, h('label', {}, 'Месяц', month), h('button', { type: 'submit', class: 'primary' }, 'Показать'), csv),
      error,
      body,
      h(
        'p',
        { class: 'muted' },
        'Рейтинг 0–100 — взвешенное среднее долей: в срок 0,35, по существу 0,2, подтверждено жителем 0,2, ' + 'без переоткрытия 0,15, без ошибок адресации 0,1; доли без данных не учитываются.',
      ),
    ),
  );
  void load();
}
