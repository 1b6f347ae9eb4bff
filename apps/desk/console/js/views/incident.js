// The incident page: what happened, why it is where it is, how much time is left, what to do.
import { api } from '../api.js';
import { h } from '../dom.js';
import { dateTime, percent } from '../format.js';
import { KINDS, label, OPERATOR_ACTIONS, PHASES, PLATFORMS, ROUTING, STATES, URGENCY } from '../labels.js';
import { loadTaxonomy, taxonomyName } from '../taxonomy.js';
import { clockBadge } from '../ticker.js';
import { agencyActions, operatorActions } from './actions.js';
import { timeline } from './timeline.js';
import { agencyName } from '../agencies.js';

const REFRESH_MS = 5000;
const section = (title, ...content) => h('section', { class: 'card' }, h('h2', {}, title), ...content);
const row = (term, ...value) => [h('dt', {}, term), h('dd', {}, ...value)];

function clocks(incident) {
  const current = incident.clocks.filter((c) => c.status !== 'superseded');
  if (!current.length) return h('p', { class: 'muted' }, 'Срок ещё не назначен');
  return h(
    'ul',
    { class: 'clocks' },
    current.map((clock) =>
      h(
        'li',
        { dataset: { phase: clock.phase, status: clock.status } },
        h('strong', {}, label(PHASES, clock.phase)),
        clock.status === 'paused' ? ' · срок сдвинется на время паузы' : [' · до ', dateTime(clock.dueAt)],
        ' · ',
        clockBadge(clock),
        clock.roundTheClock ? h('span', { class: 'tag' }, 'круглосуточно') : null,
      ),
    ),
  );
}

/** How a post came into the incident after it was opened: grouped by the router or with a merged incident. */
function joinedTag(incident, postId) {
  const joined = incident.grouping?.joined.findLast((j) => j.postId === postId);
  if (!joined) return null;
  return h('span', { class: 'tag', title: dateTime(joined.at) }, joined.how === 'merged' ? `из обращения ${joined.fromNumber}` : 'присоединено');
}

/** The incidents a merge or split links this one to. */
function groupingLinks(incident) {
  const g = incident.grouping;
  if (!g) return null;
  const link = (l) => h('a', { href: `#/incident/${encodeURIComponent(l.incidentId)}` }, l.number);
  const parts = [
    g.mergedInto ? ['объединено с ', link(g.mergedInto)] : null,
    g.mergedFrom.length ? ['в него объединены ', g.mergedFrom.map((l, i) => [i ? ', ' : '', link(l)])] : null,
    g.splitFrom ? ['выделено из ', link(g.splitFrom)] : null,
    g.splitInto.length ? ['из него выделены ', g.splitInto.map((l, i) => [i ? ', ' : '', link(l)])] : null,
  ].filter(Boolean);
  return parts.length
    ? h(
        'p',
        { class: 'muted small grouping' },
        parts.map((part, i) => [i ? ' · ' : '', part]),
      )
    : null;
}

function posts(incident) {
  return incident.posts.map((post) =>
    h(
      'article',
      { class: 'post' },
      h(
        'div',
        { class: 'muted small' },
        `${label(PLATFORMS, post.platform)} · ${dateTime(post.createdAt)} · ${post.author?.displayName ?? post.author?.pseudonym ?? 'автор скрыт'}`,
        joinedTag(incident, post.postId),
        post.url ? [' · ', h('a', { href: post.url, target: '_blank', rel: 'noopener' }, 'открыть')] : null,
        post.deletedAt ? h('span', { class: 'tag warn' }, 'удалено') : null,
      ),
      h('p', {}, post.text ?? '—'),
    ),
  );
}

function classification(incident) {
  const c = incident.classification;
  if (!c) return h('p', { class: 'muted' }, 'Классификации нет');
  const scored = (s, table) => `${table ? label(table, s.label) : taxonomyName(s.label)} — ${percent(s.confidence)}`;
  return h(
    'dl',
    {},
    row('Вид', scored(c.kind, KINDS)),
    row('Тема', scored(c.topicCode)),
    row('Срочность', scored(c.urgency, URGENCY)),
    c.alternatives?.length ? row('Другие варианты', c.alternatives.map((a) => scored(a)).join('; ')) : null,
    row('Почему', `правила: ${c.explanation.rules.join(', ') || '—'}`, h('br'), `признаки: ${c.explanation.features.join(', ') || '—'}`),
    row('Модель', `${c.modelVersion}, таксономия ${c.taxonomyVersion}`),
    c.correction
      ? row(
          'Исправлено',
          `${[c.correction.topicCode && taxonomyName(c.correction.topicCode), c.correction.urgency && label(URGENCY, c.correction.urgency), c.correction.territoryCode].filter(Boolean).join(', ')} (${dateTime(c.correction.correctedAt)})`,
        )
      : null,
  );
}

function routing(incident) {
  const r = incident.routing;
  if (!r) return h('p', { class: 'muted' }, 'Ещё не направлено');
  return h(
    'dl',
    {},
    row('Ведомство', agencyName(r.agencyId)),
    row('Как выбрано', `${label(ROUTING, r.method)}${r.ruleId ? ` (${r.ruleId})` : ''}, уверенность ${percent(r.confidence)}`),
    row('Обоснование', r.explanation),
    r.coExecutorIds.length ? row('Соисполнители', r.coExecutorIds.map(agencyName).join(', ')) : null,
    r.previousAgencyId ? row('Было у', agencyName(r.previousAgencyId)) : null,
  );
}

function answers(incident) {
  if (!incident.answers.length) return h('p', { class: 'muted' }, 'Ответа пока нет');
  return incident.answers.map((a) =>
    h(
      'article',
      { class: `answer ${a.kind}` },
      h(
        'div',
        { class: 'muted small' },
        `${a.kind === 'final' ? 'Окончательный' : 'Промежуточный'} · ${agencyName(a.agencyId)} · ${dateTime(a.answeredAt)}`,
        a.promisedBy ? ` · обещано к ${dateTime(a.promisedBy)}` : '',
        a.flagged ? h('span', { class: 'tag warn' }, `похоже на отписку (${a.flagged.scorePercent}%)`) : null,
        a.published.length ? h('span', { class: 'tag ok' }, 'опубликован') : null,
      ),
      h('p', {}, a.text),
      a.photos.length
        ? h(
            'div',
            { class: 'photos' },
            a.photos.map((p) => h('img', { src: p.url, alt: 'Фото' })),
          )
        : null,
    ),
  );
}

function header(incident) {
  return h(
    'div',
    { class: 'incident-head' },
    h('h1', {}, `Обращение ${incident.number ?? incident.incidentId}`),
    h('span', { class: `state state-${incident.state}` }, label(STATES, incident.state)),
    incident.urgency ? h('span', { class: `tag urgency-${incident.urgency}` }, label(URGENCY, incident.urgency)) : null,
    incident.reviewNeeded ? h('span', { class: 'tag warn' }, 'проверить классификацию') : null,
    incident.pendingAction ? h('span', { class: 'tag' }, `ждёт решения: ${label(OPERATOR_ACTIONS, incident.pendingAction.action)}`) : null,
    incident.clarification ? h('span', { class: 'tag warn', title: incident.clarification.reason ?? '' }, `ждёт уточнения от заявителя с ${dateTime(incident.clarification.requestedAt)}`) : null,
    h(
      'p',
      { class: 'muted' },
      `${taxonomyName(incident.topicCode ?? '') || '—'} · ${incident.place?.name ?? incident.territoryCode ?? 'место не указано'}${incident.place?.address ? `, ${incident.place.address}` : ''} · ${agencyName(incident.agencyId) ?? 'ведомство не назначено'}`,
    ),
  );
}

export function incidentView(root, { me, id }) {
  const main = h('div', { class: 'incident-main' });
  const side = h('aside', { class: 'incident-side' });
  root.append(h('div', { class: 'incident' }, main, side));
  let stamp;

  function renderMain(incident) {
    main.replaceChildren(
      header(incident),
      section('Сроки', clocks(incident)),
      section(`Сообщения (${incident.posts.length})`, groupingLinks(incident), posts(incident)),
      section('Классификация', classification(incident)),
      section('Маршрутизация', routing(incident)),
      section('Ответы', answers(incident)),
      section('История', timeline(incident.timeline, taxonomyName)),
    );
  }

  async function load(withActions) {
    const incident = await api.get(`/api/v1/incidents/${encodeURIComponent(id)}`);
    await loadTaxonomy().catch(() => undefined);
    // Events may share an instant (the tracker stamps its verdict with the answer's time), so the
    // number of events tells a change as well as the time does.
    const version = `${incident.updatedAt}|${incident.timeline.length}`;
    if (!withActions && version === stamp) return;
    stamp = version;
    renderMain(incident);
    if (withActions || !side.querySelector('form:focus-within')) {
      const open = incident.state !== 'answered' && incident.state !== 'closed' && incident.state !== 'dismissed' && incident.state !== 'merged';
      const actions = !open ? [h('p', { class: 'muted' }, 'Обращение закрыто')] : me.role === 'agency' ? agencyActions(incident, () => load(true), me) : operatorActions(incident, () => load(true));
      side.replaceChildren(h('h2', {}, 'Действия'), ...actions.filter(Boolean));
    }
  }

  void load(true).catch((error) => main.replaceChildren(h('p', { class: 'error' }, error.status === 404 ? 'Обращение не найдено' : error.message)));
  const timer = setInterval(() => void load(false).catch(() => undefined), REFRESH_MS);
  return () => clearInterval(timer);
}
