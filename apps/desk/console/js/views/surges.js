// The surge queue: many similar incidents on one territory. An operator acknowledges each; one
// left waiting past its deadline has gone to the supervisors and says so.
import { api, query } from '../api.js';
import { h, showError, toast } from '../dom.js';
import { dateTime } from '../format.js';
import { label, SURGE_STATUSES } from '../labels.js';
import { loadTaxonomy, taxonomyName } from '../taxonomy.js';

const REFRESH_MS = 5000;

function incidents(surge) {
  return h(
    'div',
    { class: 'small' },
    surge.incidentIds.map((id, i) => [i ? ', ' : '', h('a', { href: `#/incident/${encodeURIComponent(id)}` }, id)]),
  );
}

function deadline(surge) {
  if (surge.status === 'escalated') return h('span', { class: 'tag warn' }, `передан куратору ${dateTime(surge.escalatedAt)}`);
  if (surge.status === 'acknowledged') return h('span', { class: 'muted small' }, `до ${dateTime(surge.acknowledgeBy)}`);
  return h('span', {}, `до ${dateTime(surge.acknowledgeBy)}`);
}

function acknowledged(surge) {
  const a = surge.acknowledged;
  return h('div', {}, h('span', { class: 'tag ok' }, `${a.name}, ${dateTime(a.at)}`), a.note ? h('div', { class: 'small' }, a.note) : null);
}

/** The acknowledgement form of a waiting surge: a note, optional, and the button. */
function acknowledgeForm(surge, reload) {
  const note = h('input', { name: 'note', placeholder: 'Что делаем (необязательно)', maxlength: 2000 });
  const error = h('div', { class: 'error', hidden: true });
  const button = h('button', { type: 'submit', class: 'primary' }, 'Принять');
  return h(
    'form',
    {
      class: 'inline',
      onsubmit: async (event) => {
        event.preventDefault();
        button.disabled = true;
        error.hidden = true;
        try {
          await api.post(`/api/v1/surges/${encodeURIComponent(surge.surgeId)}/acknowledge`, { note: note.value.trim() || undefined });
          toast('Всплеск принят в работу', 'ok');
          await reload();
        } catch (failure) {
          showError(error, failure);
          button.disabled = false;
        }
      },
    },
    note,
    button,
    error,
  );
}

function surgeTable(items, reload) {
  if (!items.length) return h('p', { class: 'empty' }, 'Всплесков нет');
  return h(
    'table',
    { class: 'incidents surges' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['Территория', 'Тема', 'Обращения', 'Обнаружен', 'Принять', 'Статус', ''].map((t) => h('th', {}, t)),
      ),
    ),
    h(
      'tbody',
      {},
      items.map((surge) =>
        h(
          'tr',
          { dataset: { surge: surge.surgeId, status: surge.status } },
          h('td', {}, surge.territoryName ?? surge.territoryCode),
          h('td', {}, taxonomyName(surge.topicCode)),
          h('td', {}, `${surge.incidentIds.length} за ${surge.windowMinutes} мин`, incidents(surge)),
          h('td', {}, dateTime(surge.detectedAt)),
          h('td', {}, deadline(surge)),
          h('td', {}, h('span', { class: `state surge-${surge.status}` }, label(SURGE_STATUSES, surge.status))),
          h('td', {}, surge.acknowledged ? acknowledged(surge) : acknowledgeForm(surge, reload)),
        ),
      ),
    ),
  );
}

export function surgesView(root) {
  let filter = 'waiting';
  const tabs = h('div', { class: 'tabs', role: 'tablist' });
  const list = h('div', { class: 'list' });
  root.append(h('section', {}, h('h1', {}, 'Всплески'), tabs, list));

  async function refresh() {
    await loadTaxonomy();
    const items = await api.get(`/api/v1/surges${query({ status: filter, limit: 100 })}`);
    tabs.replaceChildren(
      ...[
        ['waiting', 'Ждут решения'],
        ['all', 'Все'],
      ].map(([code, title]) =>
        h(
          'button',
          {
            type: 'button',
            role: 'tab',
            'aria-selected': code === filter ? 'true' : 'false',
            onclick: () => {
              filter = code;
              void refresh();
            },
          },
          title,
          code === 'waiting' && filter === 'waiting' ? h('span', { class: `count${items.length ? ' alarm' : ''}` }, String(items.length)) : null,
        ),
      ),
    );
    // A form someone is typing in is not replaced under their hands.
    if (list.contains(document.activeElement) && document.activeElement.tagName === 'INPUT') return;
    list.replaceChildren(surgeTable(items, refresh));
  }

  void refresh().catch((error) => list.replaceChildren(h('p', { class: 'error' }, error.message)));
  const timer = setInterval(() => void refresh().catch(() => undefined), REFRESH_MS);
  return () => clearInterval(timer);
}
