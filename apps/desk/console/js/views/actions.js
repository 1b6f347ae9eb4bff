// Action forms on the incident page: the operator's decisions and the agency's answers.
import { api } from '../api.js';
import { h, showError, toast } from '../dom.js';
import { KINDS, URGENCY } from '../labels.js';
import { loadTaxonomy } from '../taxonomy.js';

/** A collapsible form that posts to the incident and reloads it on success. */
function actionForm({ title, path, fields, build, done, submit = 'Отправить', open = false, incident, reload }) {
  const error = h('div', { class: 'error', hidden: true });
  const button = h('button', { type: 'submit', class: 'primary' }, submit);
  const form = h(
    'form',
    {
      class: 'action',
      onsubmit: async (event) => {
        event.preventDefault();
        error.hidden = true;
        button.disabled = true;
        try {
          await api.post(`/api/v1/incidents/${encodeURIComponent(incident.incidentId)}/${path}`, await build());
          toast(done, 'ok');
          await reload();
        } catch (failure) {
          showError(error, failure);
        } finally {
          button.disabled = false;
        }
      },
    },
    ...fields,
    error,
    button,
  );
  return h('details', { class: 'card', open, dataset: { action: path } }, h('summary', {}, title), form);
}

const field = (text, control) => h('label', {}, text, control);

/** States in which a clarification can be asked or recorded (CLARIFIABLE_STATES of the contracts). */
const CLARIFIABLE = new Set(['triage', 'routed', 'rerouted', 'acknowledged', 'interim_answer']);

/** Ask the citizen to clarify (the clock waits), or record that the clarification came. */
function clarificationForm(incident, reload) {
  if (!CLARIFIABLE.has(incident.state)) return null;
  const text = h('textarea', { name: 'reason', rows: 2, required: true, minlength: 3 });
  if (incident.clarification) {
    return actionForm({
      incident,
      reload,
      title: 'Уточнение от заявителя получено',
      path: 'clarification/received',
      submit: 'Отметить',
      done: 'Уточнение отмечено, срок идёт дальше',
      open: true,
      fields: [h('p', { class: 'muted small' }, `Запрошено: ${incident.clarification.reason ?? '—'}`), field('Что уточнил заявитель', text)],
      build: () => ({ reason: text.value }),
    });
  }
  return actionForm({
    incident,
    reload,
    title: 'Запросить уточнение у заявителя',
    path: 'clarification',
    submit: 'Запросить',
    done: 'Уточнение запрошено, срок приостановлен',
    fields: [field('Что нужно уточнить', text)],
    build: () => ({ reason: text.value }),
  });
}
const reasonInput = () => h('textarea', { name: 'reason', rows: 2, required: true, minlength: 3 });
const select = (name, options, empty) =>
  h(
    'select',
    { name },
    h('option', { value: '' }, empty),
    Object.entries(options).map(([v, t]) => h('option', { value: v }, t)),
  );

export function operatorActions(incident, reload) {
  const topicCode = h('select', { name: 'topicCode' }, h('option', { value: '' }, 'не менять'));
  void loadTaxonomy().then((taxonomy) => {
    for (const category of taxonomy.categories) {
      topicCode.append(
        h(
          'optgroup',
          { label: category.ru },
          category.topics.map((t) => h('option', { value: t.code, selected: t.code === incident.topicCode }, t.ru)),
        ),
      );
    }
  });
  const urgency = select('urgency', URGENCY, 'не менять');
  const kind = select('kind', KINDS, 'не менять');
  const territory = h('input', { name: 'territoryCode', placeholder: 'не менять' });
  const agency = h('input', { name: 'agencyId', required: true });
  const target = h('input', { name: 'targetIncidentId', required: true, placeholder: 'номер или id' });
  const posts = incident.posts.map((post) => h('label', { class: 'check' }, h('input', { type: 'checkbox', value: post.postId }), (post.text ?? post.postId).slice(0, 80)));
  const reasons = [reasonInput(), reasonInput(), reasonInput(), reasonInput()];
  const common = { incident, reload };
  const optional = (value) => value || undefined;
  return [
    actionForm({
      ...common,
      title: 'Исправить классификацию',
      path: 'classification',
      submit: 'Исправить',
      done: 'Классификация исправлена',
      open: incident.reviewNeeded,
      fields: [field('Тема', topicCode), field('Срочность', urgency), field('Вид', kind), field('Территория (ОКТМО)', territory)],
      build: () => ({ topicCode: optional(topicCode.value), urgency: optional(urgency.value), kind: optional(kind.value), territoryCode: optional(territory.value.trim()) }),
    }),
    actionForm({
      ...common,
      title: 'Переназначить ведомство',
      path: 'reassign',
      done: 'Запрос на переназначение отправлен',
      fields: [field('Ведомство', agency), field('Причина', reasons[0])],
      build: () => ({ agencyId: agency.value.trim(), reason: reasons[0].value }),
    }),
    actionForm({
      ...common,
      title: 'Объединить с другим обращением',
      path: 'merge',
      done: 'Запрос на объединение отправлен',
      fields: [field('С обращением', target), field('Причина', reasons[1])],
      build: () => ({ targetIncidentId: target.value.trim(), reason: reasons[1].value }),
    }),
    incident.posts.length > 1
      ? actionForm({
          ...common,
          title: 'Разделить',
          path: 'split',
          done: 'Запрос на разделение отправлен',
          fields: [h('fieldset', {}, h('legend', {}, 'Вынести в новое обращение'), posts), field('Причина', reasons[2])],
          build: () => ({
            postIds: posts
              .map((l) => l.querySelector('input'))
              .filter((i) => i.checked)
              .map((i) => i.value),
            reason: reasons[2].value,
          }),
        })
      : null,
    clarificationForm(incident, reload),
    actionForm({
      ...common,
      title: 'Закрыть без действий',
      path: 'dismiss',
      done: 'Запрос на закрытие отправлен',
      fields: [field('Причина', reasons[3])],
      build: () => ({ reason: reasons[3].value }),
    }),
  ];
}

async function uploadPhotos(input) {
  const urls = [];
  for (const file of input.files) urls.push((await api.upload('/api/v1/photos', file)).url);
  return urls;
}

export function agencyActions(incident, reload, me) {
  if (incident.agencyId !== me.agencyId) return [h('p', { class: 'muted' }, 'Ваше ведомство — соисполнитель: отвечает ведомство, за которым обращение.')];
  const common = { incident, reload };
  const note = h('input', { name: 'note', placeholder: 'Например: бригада выехала' });
  const kind = h('select', { name: 'kind' }, h('option', { value: 'final' }, 'Окончательный'), h('option', { value: 'interim' }, 'Промежуточный (с датой)'));
  const text = h('textarea', { name: 'text', rows: 4, required: true });
  const promised = h('input', { name: 'promisedBy', type: 'datetime-local' });
  const promisedRow = field('Окончательный ответ будет к', promised);
  promisedRow.hidden = true;
  kind.addEventListener('change', () => (promisedRow.hidden = kind.value !== 'interim'));
  const files = h('input', { name: 'photos', type: 'file', accept: 'image/jpeg,image/png,image/webp', multiple: true });
  const reason = reasonInput();
  const suggested = h('input', { name: 'suggestedAgencyId', placeholder: 'если знаете' });
  return [
    incident.acknowledgedAt
      ? null
      : actionForm({
          ...common,
          title: 'Принять в работу',
          path: 'acknowledge',
          submit: 'Принять',
          done: 'Принято в работу',
          open: true,
          fields: [field('Комментарий', note)],
          build: () => ({ note: note.value.trim() || undefined }),
        }),
    actionForm({
      ...common,
      title: 'Ответить',
      path: 'answers',
      submit: 'Отправить ответ',
      done: 'Ответ отправлен',
      open: Boolean(incident.acknowledgedAt),
      fields: [field('Вид ответа', kind), field('Текст для заявителя', text), promisedRow, field('Фото выполненных работ', files)],
      build: async () => ({
        kind: kind.value,
        text: text.value,
        promisedBy: kind.value === 'interim' && promised.value ? new Date(promised.value).toISOString() : undefined,
        photos: await uploadPhotos(files),
      }),
    }),
    clarificationForm(incident, reload),
    actionForm({
      ...common,
      title: 'Вернуть: не наша компетенция',
      path: 'return',
      submit: 'Вернуть',
      done: 'Запрос на возврат отправлен',
      fields: [field('Причина', reason), field('Кому передать', suggested)],
      build: () => ({ reason: reason.value, suggestedAgencyId: suggested.value.trim() || undefined }),
    }),
  ];
}
