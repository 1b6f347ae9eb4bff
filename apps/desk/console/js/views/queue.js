// The operator's live queue: new, low confidence, overdue. Refreshed every few seconds.
import { api, query } from '../api.js';
import { clear, h } from '../dom.js';
import { QUEUES } from '../labels.js';
import { incidentTable } from './incident-table.js';

const REFRESH_MS = 5000;

export function queueView(root) {
  let current = 'new';
  const tabs = h('div', { class: 'tabs', role: 'tablist' });
  const list = h('div', { class: 'list' });
  const stamp = h('span', { class: 'muted small' });
  root.append(h('section', {}, h('div', { class: 'heading' }, h('h1', {}, 'Очередь'), stamp), tabs, list));

  async function refresh() {
    const [sizes, page] = await Promise.all([
      api.get('/api/v1/incidents/queues'),
      api.get(`/api/v1/incidents${query({ queue: current, sort: current === 'overdue' ? 'due' : 'updated', limit: 50 })}`),
    ]);
    clear(tabs);
    for (const [code, title] of Object.entries(QUEUES)) {
      tabs.append(
        h(
          'button',
          {
            type: 'button',
            role: 'tab',
            'aria-selected': code === current ? 'true' : 'false',
            dataset: { queue: code },
            onclick: () => {
              current = code;
              void refresh();
            },
          },
          title,
          h('span', { class: `count${code === 'overdue' && sizes[code] ? ' alarm' : ''}` }, String(sizes[code])),
        ),
      );
    }
    list.replaceChildren(incidentTable(page.items, { empty: 'Очередь пуста' }));
    stamp.textContent = `обновлено ${new Date().toLocaleTimeString('ru-RU')}`;
  }

  void refresh().catch((error) => list.replaceChildren(h('p', { class: 'error' }, error.message)));
  const timer = setInterval(() => void refresh().catch(() => undefined), REFRESH_MS);
  return () => clearInterval(timer);
}
