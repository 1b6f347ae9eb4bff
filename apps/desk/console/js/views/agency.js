// An agency's own incidents, the nearest deadline first.
import { api, query } from '../api.js';
import { h } from '../dom.js';
import { incidentTable } from './incident-table.js';
import { agencyName } from '../agencies.js';

export function agencyView(root, { me }) {
  const list = h('div', { class: 'list' });
  root.append(h('section', {}, h('div', { class: 'heading' }, h('h1', {}, 'Мои обращения'), h('span', { class: 'muted' }, `${agencyName(me.agencyId) ?? ''}: ближайший срок сверху`)), list));
  async function refresh() {
    const page = await api.get(`/api/v1/incidents${query({ open: true, sort: 'due', limit: 100 })}`);
    list.replaceChildren(incidentTable(page.items, { empty: 'Открытых обращений нет' }));
  }
  void refresh().catch((error) => list.replaceChildren(h('p', { class: 'error' }, error.message)));
  const timer = setInterval(() => void refresh().catch(() => undefined), 10000);
  return () => clearInterval(timer);
}
