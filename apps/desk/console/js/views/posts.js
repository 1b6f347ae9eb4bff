// Posts the pipeline let go: those the classifier dismissed (an operator can say one needs action
// after all) and those ingest's spam filter held back (an operator can release one).
import { api, query } from '../api.js';
import { h, showError, toast } from '../dom.js';
import { dateTime } from '../format.js';
import { FILTER_REASONS, label, PLATFORMS, URGENCY } from '../labels.js';
import { loadTaxonomy } from '../taxonomy.js';

const TABS = { dismissed: 'Отклонённые классификатором', held: 'Задержанные фильтром' };

/** A form on one post's row that posts to desk and reloads the list on success. */
function rowAction({ path, body, submit, done, fields = [], reload }) {
  const error = h('div', { class: 'error', hidden: true });
  const button = h('button', { type: 'submit', class: 'primary' }, submit);
  return h(
    'form',
    {
      class: 'action',
      onsubmit: async (event) => {
        event.preventDefault();
        button.disabled = true;
        error.hidden = true;
        try {
          await api.post(path, body());
          toast(done, 'ok');
          await reload();
        } catch (failure) {
          showError(error, failure);
          button.disabled = false;
        }
      },
    },
    ...fields,
    button,
    error,
  );
}

function postCell(post) {
  return h(
    'td',
    { class: 'summary' },
    h('blockquote', {}, post.text ?? '—'),
    h(
      'div',
      { class: 'muted small' },
      `${label(PLATFORMS, post.platform)}${post.community?.name ? ` · ${post.community.name}` : ''} · ${dateTime(post.createdAt)}`,
      post.url ? [' · ', h('a', { href: post.url, target: '_blank', rel: 'noopener' }, 'на площадке')] : null,
    ),
  );
}

/** Topic (required), territory and urgency: what the router needs to make the post an incident. */
function undismissForm(post, taxonomy, reload) {
  const topicCode = h(
    'select',
    { name: 'topicCode', required: true },
    h('option', { value: '' }, 'выберите тему'),
    taxonomy.categories.map((category) =>
      h(
        'optgroup',
        { label: category.ru },
        category.topics.map((t) => h('option', { value: t.code }, t.ru)),
      ),
    ),
  );
  const territory = h('input', { name: 'territoryCode', placeholder: 'код ОКТМО, если известен' });
  const urgency = h(
    'select',
    { name: 'urgency' },
    Object.entries(URGENCY).map(([value, text]) => h('option', { value, selected: value === 'normal' }, text)),
  );
  const form = rowAction({
    reload,
    path: `/api/v1/posts/dismissed/${encodeURIComponent(post.postId)}/undismiss`,
    submit: 'Это обращение',
    done: 'Отправлено: сообщение станет обращением',
    fields: [h('label', {}, 'Тема', topicCode), h('label', {}, 'Территория', territory), h('label', {}, 'Срочность', urgency)],
    body: () => ({ topicCode: topicCode.value, territoryCode: territory.value.trim() || undefined, urgency: urgency.value }),
  });
  return h('details', { dataset: { action: 'undismiss' } }, h('summary', {}, 'Не отклонять'), form);
}

function dismissedTable(items, taxonomy, reload) {
  if (!items.length) return h('p', { class: 'empty' }, 'Отклонённых сообщений нет');
  return h(
    'table',
    { class: 'incidents posts' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['Сообщение', 'Почему отклонено', 'Когда', ''].map((t) => h('th', {}, t)),
      ),
    ),
    h(
      'tbody',
      {},
      items.map((post) =>
        h('tr', { dataset: { post: post.postId } }, postCell(post), h('td', {}, post.reason), h('td', {}, dateTime(post.dismissedAt)), h('td', {}, undismissForm(post, taxonomy, reload))),
      ),
    ),
  );
}

function heldTable(items, reload) {
  if (!items.length) return h('p', { class: 'empty' }, 'Задержанных сообщений нет');
  return h(
    'table',
    { class: 'incidents posts' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['Сообщение', 'Почему задержано', 'Автор', ''].map((t) => h('th', {}, t)),
      ),
    ),
    h(
      'tbody',
      {},
      items.map((post) =>
        h(
          'tr',
          { dataset: { post: post.postId } },
          postCell(post),
          h(
            'td',
            {},
            post.filterReasons.map((reason) => h('span', { class: 'tag warn' }, label(FILTER_REASONS, reason))),
          ),
          h('td', {}, post.authorName ?? '—'),
          h('td', {}, rowAction({ reload, path: `/api/v1/posts/held/${encodeURIComponent(post.postId)}/release`, body: () => ({}), submit: 'Пропустить', done: 'Сообщение пропущено дальше' })),
        ),
      ),
    ),
  );
}

export function postsView(root) {
  let current = 'dismissed';
  const tabs = h('div', { class: 'tabs', role: 'tablist' });
  const list = h('div', { class: 'list' });
  root.append(h('section', {}, h('h1', {}, 'Сообщения вне обращений'), tabs, list));

  async function show() {
    tabs.replaceChildren(
      ...Object.entries(TABS).map(([code, title]) =>
        h(
          'button',
          {
            type: 'button',
            role: 'tab',
            'aria-selected': code === current ? 'true' : 'false',
            onclick: () => {
              current = code;
              void show().catch(fail);
            },
          },
          title,
        ),
      ),
    );
    if (current === 'dismissed') {
      const [page, taxonomy] = await Promise.all([api.get(`/api/v1/posts/dismissed${query({ limit: 100 })}`), loadTaxonomy()]);
      list.replaceChildren(dismissedTable(page.items, taxonomy, show));
    } else {
      list.replaceChildren(heldTable(await api.get(`/api/v1/posts/held${query({ limit: 100 })}`), show));
    }
  }
  const fail = (error) => list.replaceChildren(h('p', { class: 'error' }, error.message));
  void show().catch(fail);
}
