import { api } from '../api.js';
import { h, showError } from '../dom.js';

export function loginView(root, onSignedIn) {
  const error = h('div', { class: 'error', hidden: true });
  const login = h('input', { name: 'login', autocomplete: 'username', required: true, autofocus: true });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const form = h(
    'form',
    {
      class: 'card login',
      onsubmit: async (event) => {
        event.preventDefault();
        error.hidden = true;
        try {
          await api.post('/api/v1/auth/login', { login: login.value, password: password.value });
          await onSignedIn();
        } catch (failure) {
          showError(error, failure.status === 401 ? { message: 'Неверный логин или пароль' } : failure.status === 429 ? { message: 'Слишком много попыток. Попробуйте позже.' } : failure);
        }
      },
    },
    h('h1', {}, 'Отклик'),
    h('p', { class: 'muted' }, 'Рабочее место оператора ЦУР и ведомств'),
    h('label', {}, 'Логин', login),
    h('label', {}, 'Пароль', password),
    error,
    h('button', { type: 'submit', class: 'primary' }, 'Войти'),
  );
  root.append(form);
}
