import { IncidentView, Notice } from './notice.types';
import { render, resolveLocale, textForChannel } from './templates';

const incident: IncidentView = {
  incidentId: 'inc-1',
  number: '78-2026-000123',
  topicCode: 'housing.heating',
  urgency: 'normal',
  address: 'ул. Садовая, 5',
  link: 'https://desk.otklik.test/incidents/78-2026-000123',
};

describe('templates', () => {
  it('renders a breach in Russian with the deadline in the agency time zone', () => {
    const notice: Notice = { kind: 'sla.breached', incident, dueAt: new Date('2026-03-02T06:30:00Z') };
    const r = render(notice, 'ru', 'Asia/Yekaterinburg');
    expect(r.locale).toBe('ru');
    expect(r.subject).toBe('Просрочено обращение № 78-2026-000123');
    expect(r.text).toContain('02.03.2026, 11:30');
    expect(r.text).toContain(incident.link);
  });

  it('tells a reminder of an escalation step from the step itself, so that it does not read as a duplicate', () => {
    const step: Notice = { kind: 'sla.escalated', incident, dueAt: new Date('2026-03-02T06:30:00Z'), level: 1, role: 'agency_head', repeat: 1 };
    const first = render(step, 'ru');
    const reminder = render({ ...step, repeat: 2 }, 'ru');
    expect(first.subject).toBe('Эскалация: обращение № 78-2026-000123 (уровень 1)');
    expect(reminder.subject).toBe('Эскалация: обращение № 78-2026-000123 (уровень 1, напоминание 1)');
    expect(reminder.text).toContain('Ответа всё ещё нет: напоминание 1.');
    expect(first.text).not.toContain('напоминание');
    expect(render({ ...step, repeat: 3 }, 'en').subject).toBe('Escalation: incident 78-2026-000123 (level 1, reminder 2)');
  });

  it('falls back to English for a language without templates', () => {
    expect(resolveLocale('de-DE')).toBe('en');
    const r = render({ kind: 'incident.routed', incident, reason: 'rule 12' }, 'de');
    expect(r.locale).toBe('en');
    expect(r.subject).toBe('New incident 78-2026-000123');
  });

  it('uses Russian when no language is set', () => {
    expect(render({ kind: 'incident.routed', incident, reason: 'правило 12' }, undefined).subject).toBe('Новое обращение № 78-2026-000123');
  });

  it("names the topic in the recipient's language, not by its code", () => {
    const ru = render({ kind: 'incident.routed', incident, reason: 'правило 12' }, 'ru');
    expect(ru.text).toContain('Тема: Отопление\n');
    expect(ru.chat).toContain(' · Отопление · ');
    expect(render({ kind: 'incident.routed', incident, reason: 'rule 12' }, 'en').text).toContain('Topic: Heating\n');
  });

  it('shows a topic code the taxonomy does not know as it is', () => {
    const r = render({ kind: 'sla.breached', incident: { ...incident, topicCode: 'housing.unicorns' }, dueAt: new Date('2026-03-02T06:30:00Z') }, 'ru');
    expect(r.text).toContain('(housing.unicorns)');
  });

  it('marks emergencies in the subject', () => {
    const r = render({ kind: 'incident.routed', incident: { ...incident, urgency: 'emergency' }, reason: 'x' }, 'ru');
    expect(r.subject.startsWith('[ЭКСТРЕННО]')).toBe(true);
  });

  it('gives Telegram the short form and e-mail the full one', () => {
    const r = render({ kind: 'incident.routed', incident, reason: 'правило 12' }, 'ru');
    expect(textForChannel(r, 'telegram')).toEqual({ text: r.chat });
    expect(textForChannel(r, 'email')).toEqual({ subject: r.subject, text: r.text });
  });

  it('lists digest items and says so when there are none', () => {
    const item = { number: '78-1', topicCode: 'roads', dueAt: new Date('2026-03-01T09:00:00Z'), link: 'https://d/1' };
    expect(render({ kind: 'digest.overdue', date: '2026-03-02', items: [item] }, 'ru').text).toContain('• № 78-1 · Дороги');
    expect(render({ kind: 'digest.overdue', date: '2026-03-02', items: [] }, 'ru').text).toBe('Просроченных обращений нет.');
  });

  it('puts the incident link under a reply to the citizen', () => {
    const r = render({ kind: 'reply', answerText: ' Яма заделана 12.03. ', incidentNumber: '78-1', link: 'https://d/1' }, 'ru');
    expect(r.text).toBe('Яма заделана 12.03.\n\nОбращение № 78-1: https://d/1');
  });
});
