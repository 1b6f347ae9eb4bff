// Dates, durations and countdowns in Russian.
import { label, PAUSE_REASONS } from './labels.js';

const DATE_TIME = new Intl.DateTimeFormat('ru-RU', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const PERCENT = new Intl.NumberFormat('ru-RU', { style: 'percent', maximumFractionDigits: 0 });

export function dateTime(iso) {
  return iso ? DATE_TIME.format(new Date(iso)) : '—';
}

export function percent(share) {
  return PERCENT.format(share);
}

/** The Russian form of a noun for `n`: «1 сообщение», «3 сообщения», «11 сообщений». */
export function plural(n, one, few, many) {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return one;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return few;
  return many;
}

/** «2 д 3 ч 05 мин 09 с» — seconds matter only in the last hour. */
export function duration(ms) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86400);
  const hours = Math.floor((total % 86400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const parts = [];
  if (days) parts.push(`${days} ${plural(days, 'день', 'дня', 'дней')}`);
  if (hours || days) parts.push(`${hours} ч`);
  parts.push(`${String(minutes).padStart(days || hours ? 2 : 1, '0')} мин`);
  if (!days && !hours) parts.push(`${String(seconds).padStart(2, '0')} с`);
  return parts.join(' ');
}

/** Text and state of a clock at `now`. */
export function clockText(clock, now = Date.now()) {
  if (clock.status === 'met') {
    return { text: clock.onTime ? `Остановлен: ответ в срок (${dateTime(clock.answeredAt)})` : `Остановлен: ответ с опозданием (${dateTime(clock.answeredAt)})`, state: clock.onTime ? 'ok' : 'late' };
  }
  if (clock.status === 'superseded') return { text: 'Заменён новым сроком', state: 'muted' };
  // A paused clock has no deadline to count down to or to be late against.
  if (clock.status === 'paused') return { text: `Приостановлен с ${dateTime(clock.pause?.since)}: ${label(PAUSE_REASONS, clock.pause?.reason)}`, state: 'paused' };
  const left = new Date(clock.dueAt).getTime() - now;
  if (left < 0) return { text: `Просрочено на ${duration(-left)}`, state: 'late' };
  return { text: `Осталось ${duration(left)}`, state: left < 3600_000 ? 'soon' : 'running' };
}
