// Russian words for the codes the API speaks.

export const STATES = {
  new: 'Новое',
  triage: 'Разбор в ЦУР',
  routed: 'Направлено',
  acknowledged: 'Принято в работу',
  interim_answer: 'Промежуточный ответ',
  answered: 'Ответ дан',
  closed: 'Закрыто',
  returned: 'Возвращено',
  rerouted: 'Перенаправлено',
  dismissed: 'Закрыто без действий',
  merged: 'Объединено',
};
export const URGENCY = { emergency: 'Авария', high: 'Высокая', normal: 'Обычная' };
export const KINDS = { complaint: 'Жалоба', question: 'Вопрос', thanks: 'Благодарность', other: 'Другое' };
export const PHASES = { first_answer: 'Первый ответ', final_answer: 'Окончательный ответ' };
export const ROLES = { operator: 'Оператор ЦУР', supervisor: 'Руководитель смены', agency: 'Сотрудник ведомства', admin: 'Администратор', integration: 'Интеграция' };
export const PLATFORMS = { vk: 'ВКонтакте', ok: 'Одноклассники', telegram: 'Telegram', intake: 'Внешняя система' };
export const ROUTING = { rule: 'по правилу', history: 'по истории', operator: 'оператором', triage: 'в разбор ЦУР' };
export const OPERATOR_ACTIONS = {
  reassign: 'переназначить',
  merge: 'объединить',
  split: 'разделить',
  dismiss: 'закрыть без действий',
  return: 'вернуть',
  request_clarification: 'запрошено уточнение у заявителя',
  clarification_received: 'уточнение от заявителя получено',
};
export const QUEUES = { new: 'Новые', low_confidence: 'Низкая уверенность', overdue: 'Просроченные' };
/** Why a clock is paused: the incident state or the state-change reason code the tracker names. */
export const PAUSE_REASONS = {
  awaiting_clarification: 'ждёт уточнения от заявителя',
  returned: 'возвращено ведомством',
  triage: 'на разборе в ЦУР',
};
export const SURGE_STATUSES = { open: 'Ждёт решения', escalated: 'Передан куратору', acknowledged: 'Принят в работу' };
/** Why ingest's spam filter held a post back. */
export const FILTER_REASONS = { flood: 'много сообщений подряд', advertising: 'реклама', links: 'много ссылок', 'platform-ad': 'рекламная запись', empty: 'пустое' };
export const CHANNELS = { email: 'e-mail', telegram: 'Telegram', webhook: 'веб-хук', vk: 'ВКонтакте', ok: 'Одноклассники' };

export const label = (table, code) => (code ? (table[code] ?? code) : '—');
