// One timer for every countdown on the page: elements carry their clock in data attributes.
import { clockText } from './format.js';

export function clockBadge(clock) {
  const element = document.createElement('span');
  element.className = 'clock';
  element.dataset.clock = JSON.stringify({ dueAt: clock.dueAt, status: clock.status, onTime: clock.onTime, answeredAt: clock.answeredAt, pause: clock.pause });
  paint(element);
  return element;
}

function paint(element) {
  const { text, state } = clockText(JSON.parse(element.dataset.clock));
  element.textContent = text;
  element.dataset.state = state;
}

setInterval(() => document.querySelectorAll('[data-clock]').forEach(paint), 1000);
