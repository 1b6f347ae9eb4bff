// The incident's history, one line per event, in Russian.
import { h } from '../dom.js';
import { dateTime, percent, plural } from '../format.js';
import { CHANNELS, label, OPERATOR_ACTIONS, PAUSE_REASONS, PHASES, PLATFORMS, ROUTING, STATES, URGENCY } from '../labels.js';
import { agencyName } from '../agencies.js';

const incidentLink = (incidentId, number) => h('a', { href: `#/incident/${encodeURIComponent(incidentId)}` }, number);
const posts = (count) => `${count} ${plural(count, 'сообщение', 'сообщения', 'сообщений')}`;

function photos(list) {
  return list?.length
    ? h(
        'div',
        { class: 'photos' },
        list.map((p) => h('a', { href: p.url, target: '_blank', rel: 'noopener' }, h('img', { src: p.url, alt: 'Фото' }))),
      )
    : null;
}

/** A state change; one that only names a clarification keeps the state and says what happened. */
function stateChange(p) {
  const why = p.reason ? ` (${p.reason})` : '';
  if (p.from === p.to && p.reasonCode === 'awaiting_clarification') return `Запрошено уточнение у заявителя${why}; срок приостановлен`;
  if (p.from === p.to && p.reasonCode === 'clarification_received') return `Уточнение от заявителя получено${why}; срок идёт дальше`;
  if (p.reasonCode === 'citizen_confirmed') return `Заявитель подтвердил решение — обращение закрыто${why}`;
  if (p.reasonCode === 'citizen_disputed') return `Заявитель оспорил ответ — обращение снова у ведомства, срок открыт заново${why}`;
  return `Статус: ${label(STATES, p.from)} → ${label(STATES, p.to)}${why}`;
}

/** Title and details of one event; `taxonomyName` gives Russian names of the taxonomy's codes. */
function describe(entry, taxonomyName) {
  const p = entry.payload;
  // Entries recorded before the v2 events name the taxonomy code `topic`.
  const topicCode = p.topicCode ?? p.topic;
  switch (entry.type) {
    case 'post.received':
      return [`Сообщение (${label(PLATFORMS, p.platform)})`, h('blockquote', {}, p.text)];
    case 'post.edited':
      return ['Сообщение изменено автором', h('blockquote', {}, p.text)];
    case 'post.deleted':
      return ['Сообщение удалено на площадке'];
    case 'post.dismissed':
      return [`Классификатор отклонил сообщение: ${p.reason}`];
    case 'incident.classified':
      return [
        `Классификация: ${taxonomyName(topicCode.label)} (${percent(topicCode.confidence)}), срочность — ${label(URGENCY, p.urgency.label)}`,
        h('div', { class: 'muted small' }, `Правила: ${p.explanation.rules.join(', ') || '—'}; признаки: ${p.explanation.features.join(', ') || '—'}; модель ${p.modelVersion}`),
      ];
    case 'classification.corrected':
      return [`Классификация исправлена: ${[topicCode && taxonomyName(topicCode), p.urgency && label(URGENCY, p.urgency), p.territoryCode].filter(Boolean).join(', ')}`];
    case 'incident.routed':
      return [`Направлено в ${agencyName(p.agencyId)} ${label(ROUTING, p.decision.method)} (${percent(p.decision.confidence)})`, h('div', { class: 'muted small' }, p.decision.explanation)];
    case 'incident.rerouted':
      return [`Перенаправлено: ${agencyName(p.previousAgencyId)} → ${agencyName(p.agencyId)}`, h('div', { class: 'muted small' }, p.decision.explanation)];
    case 'incident.returned':
      return [`Возвращено ведомством ${agencyName(p.agencyId)}: ${p.reason}`];
    case 'incident.surge':
      return [`Всплеск: ${p.incidentIds.length} похожих обращений за ${p.windowMinutes} мин`];
    case 'surge.escalated':
      return [`Всплеск не принят в работу до ${dateTime(p.acknowledgeBy)}: передан куратору`];
    case 'incident.state-changed':
      return [stateChange(p)];
    case 'incident.post-attached':
      return [`Присоединено ещё одно сообщение о той же проблеме${p.duplicateOf ? ' (почти дубликат)' : ''}`, h('div', { class: 'muted small' }, `${p.reason}; всего ${posts(p.postIds.length)}`)];
    case 'incident.merged':
      return [
        ['Обращение ', incidentLink(p.incidentId, p.number), ' объединено с ', incidentLink(p.intoIncidentId, p.intoNumber)],
        h('div', { class: 'muted small' }, `${p.reason}; перенесено ${posts(p.movedPostIds.length)}`),
      ];
    case 'incident.split':
      return [
        ['Из обращения ', incidentLink(p.incidentId, p.number), ' выделено ', incidentLink(p.newIncidentId, p.newNumber)],
        h('div', { class: 'muted small' }, `${p.reason}; перенесено ${posts(p.splitPostIds.length)}`),
      ];
    case 'sla.armed':
      return [`Запущен срок «${label(PHASES, p.phase)}» до ${dateTime(p.dueAt)}${p.roundTheClock ? ', круглосуточно' : ''}`];
    case 'sla.warning':
      return [`Прошло ${p.percent}% времени на «${label(PHASES, p.phase)}»`];
    case 'sla.breached':
      return [`Срок «${label(PHASES, p.phase)}» нарушен`];
    case 'sla.met':
      return [`Срок «${label(PHASES, p.phase)}» ${p.onTime ? 'соблюдён' : 'нарушен'}: ответ ${dateTime(p.answeredAt)}`];
    case 'sla.escalated':
      return [`Эскалация, уровень ${p.level}: ${p.role}`];
    case 'sla.reopened':
      return [`Срок возобновлён: ${p.reason}`];
    case 'sla.paused':
      return [`Срок «${label(PHASES, p.phase)}» приостановлен: ${label(PAUSE_REASONS, p.reason)}`, h('div', { class: 'muted small' }, `До паузы прошло ${p.usedWorkingMinutes} мин рабочего времени`)];
    case 'sla.resumed':
      return [`Срок «${label(PHASES, p.phase)}» снова идёт, новый срок — ${dateTime(p.dueAt)}`];
    case 'incident.acknowledged':
      return [`Ведомство ${agencyName(p.agencyId)} приняло в работу`, p.note ? h('div', {}, p.note) : null];
    case 'agency.answered':
      return [
        p.kind === 'interim' ? `Промежуточный ответ ${agencyName(p.agencyId)}, окончательный обещан к ${dateTime(p.promisedBy)}` : `Окончательный ответ ${agencyName(p.agencyId)}`,
        h('blockquote', { class: 'answer' }, p.text),
        photos(p.photos),
      ];
    case 'incident.return-requested':
      return [`Ведомство ${agencyName(p.agencyId)} просит вернуть: ${p.reason}`];
    case 'incident.operator-action-requested':
      return [`${p.actor.role === 'agency' ? `Ведомство ${agencyName(p.actor.agencyId) ?? ''}` : 'Оператор'}: ${label(OPERATOR_ACTIONS, p.action)} — ${p.reason}`];
    case 'notification.sent':
      return [`Уведомление: ${label(CHANNELS, p.channel)} → ${p.recipient}`];
    case 'notification.failed':
      return [`Уведомление не доставлено (${label(CHANNELS, p.channel)}): ${p.error}`];
    case 'reply.published':
      return [`Ответ опубликован под сообщением (${label(PLATFORMS, p.platform)})`];
    case 'answer.flagged':
      return [`Ответ похож на отписку (${p.scorePercent}%): ${p.reasons.join(', ')}`];
    default:
      return [entry.type];
  }
}

export function timeline(entries, taxonomyName) {
  return h(
    'ol',
    { class: 'timeline' },
    entries.map((entry) => {
      const [title, ...details] = describe(entry, taxonomyName);
      return h('li', { dataset: { type: entry.type } }, h('time', { datetime: entry.at }, dateTime(entry.at)), h('div', {}, h('strong', {}, title), ...details));
    }),
  );
}
