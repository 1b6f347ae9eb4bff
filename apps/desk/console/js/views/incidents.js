// Search and filters over all incidents the user may see.
import { api, query } from '../api.js';
import { h, showError } from '../dom.js';
import { STATES, URGENCY } from '../labels.js';
import { incidentTable } from './incident-table.js';

const PAGE = 50;

function select(name, options, empty) {
  return h(
    'select',
    { name },
    h('option', { value: '' }, empty),
    Object.entries(options).map(([value, text]) => h('option', { value }, text)),
  );
}

/** The list filter of a category (`housing`) or a topic (`housing.heating`). */
function codeFilter(code) {
  if (!code) return {};
  return code.includes('.') ? { topicCode: code } : { categoryCode: code };
}

export function incidentsView(root) {
  const q = h('input', { name: 'q', type: 'search', placeholder: 'Слова из обращения, адрес, номер…' });
  const state = select('state', STATES, 'Любой статус');
  const urgency = select('urgency', URGENCY, 'Любая срочность');
  const taxonomyCode = h('select', { name: 'taxonomyCode' }, h('option', { value: '' }, 'Любая тема'));
  const territory = h('input', { name: 'territory', placeholder: 'Код территории (ОКТМО)' });
  const error = h('div', { class: 'error', hidden: true });
  const results = h('div', { class: 'list' });
  const more = h('div', { class: 'pager' });
  let offset = 0;

  async function search(event) {
    event?.preventDefault();
    error.hidden = true;
    try {
      const page = await api.get(
        `/api/v1/incidents${query({ q: q.value.trim(), state: state.value, urgency: urgency.value, ...codeFilter(taxonomyCode.value), territory: territory.value.trim(), limit: PAGE, offset })}`,
      );
      results.replaceChildren(h('p', { class: 'muted' }, `Найдено: ${page.total}`), incidentTable(page.items));
      more.replaceChildren(
        offset > 0
          ? h(
              'button',
              {
                type: 'button',
                onclick: () => {
                  offset -= PAGE;
                  void search();
                },
              },
              '← Назад',
            )
          : '',
        offset + PAGE < page.total
          ? h(
              'button',
              {
                type: 'button',
                onclick: () => {
                  offset += PAGE;
                  void search();
                },
              },
              'Дальше →',
            )
          : '',
      );
    } catch (failure) {
      showError(error, failure);
    }
  }

  root.append(
    h(
      'section',
      {},
      h('h1', {}, 'Поиск обращений'),
      h(
        'form',
        {
          class: 'filters',
          onsubmit: (event) => {
            offset = 0;
            void search(event);
          },
        },
        q,
        state,
        urgency,
        taxonomyCode,
        territory,
        h('button', { type: 'submit', class: 'primary' }, 'Найти'),
      ),
      error,
      results,
      more,
    ),
  );
  void api.get('/api/v1/taxonomy').then((taxonomy) => {
    for (const category of taxonomy.categories) {
      taxonomyCode.append(
        h(
          'optgroup',
          { label: category.ru },
          h('option', { value: category.code }, `${category.ru}: все`),
          category.topics.map((t) => h('option', { value: t.code }, t.ru)),
        ),
      );
    }
  });
  void search();
}
