// The incident list the queue, the search and the agency page share.
import { h } from '../dom.js';
import { dateTime } from '../format.js';
import { label, STATES, URGENCY } from '../labels.js';
import { clockBadge } from '../ticker.js';
import { agencyName } from '../agencies.js';

function deadline(incident) {
  const clock = incident.clocks.find((c) => c.status === 'running' || c.status === 'breached' || c.status === 'paused') ?? incident.clocks.at(-1);
  return clock ? clockBadge(clock) : h('span', { class: 'muted' }, 'нет срока');
}

export function incidentTable(items, { empty = 'Ничего не найдено' } = {}) {
  if (!items.length) return h('p', { class: 'empty' }, empty);
  return h(
    'table',
    { class: 'incidents' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['Номер', 'Суть', 'Тема', 'Территория', 'Ведомство', 'Статус', 'Срок'].map((t) => h('th', {}, t)),
      ),
    ),
    h(
      'tbody',
      {},
      items.map((incident) =>
        h(
          'tr',
          { dataset: { id: incident.incidentId } },
          h(
            'td',
            {},
            h('a', { href: `#/incident/${encodeURIComponent(incident.incidentId)}` }, incident.number ?? incident.incidentId),
            h('div', { class: 'muted small' }, dateTime(incident.createdAt)),
          ),
          h(
            'td',
            { class: 'summary' },
            incident.summary ?? '—',
            incident.reviewNeeded ? h('span', { class: 'tag warn' }, 'проверить классификацию') : null,
            incident.urgency && incident.urgency !== 'normal' ? h('span', { class: `tag urgency-${incident.urgency}` }, label(URGENCY, incident.urgency)) : null,
            incident.pendingAction ? h('span', { class: 'tag' }, 'ждёт решения') : null,
          ),
          h('td', {}, incident.topicName ?? incident.topicCode ?? '—'),
          h('td', {}, incident.placeName ?? incident.territoryCode ?? '—'),
          h('td', { class: 'agency', title: incident.agencyId ?? '' }, agencyName(incident.agencyId) ?? '—'),
          h('td', {}, h('span', { class: `state state-${incident.state}` }, label(STATES, incident.state))),
          h('td', {}, deadline(incident)),
        ),
      ),
    ),
  );
}
