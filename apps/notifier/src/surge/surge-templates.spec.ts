import { SurgeView } from '../templates/notice.types';
import { render, textForChannel } from '../templates/templates';

const surge: SurgeView = {
  territory: 'Невский район',
  topicCode: 'housing.heating',
  count: 5,
  windowMinutes: 60,
  detectedAt: new Date('2026-01-20T07:15:00Z'),
  numbers: ['78-2026-000101', '78-2026-000102'],
  link: 'https://desk.otklik.test/#/surges',
};

describe('surge templates', () => {
  it('words a surge in Russian with its territory, topic, count, time and incidents', () => {
    const r = render({ kind: 'incident.surge', surge }, 'ru', 'Europe/Moscow');
    expect(r.subject).toBe('Всплеск: 5 обращений по теме «Отопление» — Невский район');
    expect(r.text).toContain('За 60 мин на территории «Невский район» поступило 5 похожих обращений');
    expect(r.text).toContain('20.01.2026, 10:15');
    expect(r.text).toContain('№ 78-2026-000101, № 78-2026-000102');
    expect(textForChannel(r, 'telegram').text).toBe('🌊 Всплеск · Невский район · Отопление · 5 обращений\nhttps://desk.otklik.test/#/surges');
  });

  it('says an escalated surge went to the supervisor and by when it should have been acknowledged', () => {
    const r = render({ kind: 'surge.escalated', surge, acknowledgeBy: new Date('2026-01-20T07:45:00Z'), role: 'supervisor' }, 'ru', 'Europe/Moscow');
    expect(r.subject).toBe('Эскалация: всплеск не принят в работу — Невский район, Отопление');
    expect(r.text).toContain('не принят в работу до 20.01.2026, 10:45 и передан куратору ЦУР');
  });

  it('has English wording for both', () => {
    expect(render({ kind: 'incident.surge', surge }, 'en').subject).toBe('Surge: 5 incidents on Heating in Невский район');
    expect(render({ kind: 'surge.escalated', surge, acknowledgeBy: new Date(), role: 'supervisor' }, 'en').text).toContain('escalated to the management-centre supervisor');
  });
});
