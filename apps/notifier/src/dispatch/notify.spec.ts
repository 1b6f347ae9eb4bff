import { EmailChannel } from '../email/email.channel';
import { SmtpTestServer } from '../testing/smtp-test-server';
import { AgencyPreferences } from '../preferences/preferences';
import { BotApiTestServer } from '../testing/bot-api-test-server';
import { TelegramBotClient } from '../telegram/telegram-bot.client';
import { TelegramChannel } from '../telegram/telegram.channel';
import { IncidentView } from '../templates/notice.types';
import { deliveryHarness } from '../testing/delivery-harness';
import { NotifyService } from './notify.service';

describe('NotifyService through real SMTP and a local Bot API', () => {
  const smtp = new SmtpTestServer();
  const tg = new BotApiTestServer('1:t');
  let email: EmailChannel;
  let telegram: TelegramChannel;

  beforeAll(async () => {
    const [port, tgUrl] = await Promise.all([smtp.start(), tg.start()]);
    email = new EmailChannel({ host: '127.0.0.1', port, secure: false, from: 'noreply@otklik.test', messageIdDomain: 'otklik.test', timeoutMs: 5000 });
    telegram = new TelegramChannel(new TelegramBotClient({ baseUrl: tgUrl, token: '1:t', timeoutMs: 5000 }));
    tg.addChat('-1001');
    tg.addChat('-9000');
  });
  afterAll(async () => {
    email.close();
    await Promise.all([smtp.stop(), tg.stop()]);
  });

  const prefs: AgencyPreferences = {
    agencyId: 'ag-1',
    locale: 'ru',
    timeZone: 'Europe/Moscow',
    events: ['incident.routed', 'sla.breached'],
    channels: ['email', 'telegram'],
    contacts: [
      { id: 'mail', channel: 'email', address: 'duty@ag.test', role: 'staff' },
      { id: 'chat', channel: 'telegram', address: '-1001', role: 'staff' },
    ],
    quietHours: { from: '22:00', to: '08:00' },
    digestHour: 9,
  };
  const incident: IncidentView = { incidentId: 'inc-1', number: '78-1', topicCode: 'дороги: яма', urgency: 'normal', link: 'https://desk/i/78-1' };

  function setup(start: Date) {
    const h = deliveryHarness([email, telegram], start);
    const notify = new NotifyService(
      h.service,
      { get: async (id) => (id === 'ag-1' ? prefs : undefined) },
      { contacts: [{ id: 'duty', channel: 'telegram', address: '-9000', role: 'staff' }], locale: 'ru', timeZone: 'Europe/Moscow' },
      h.clock.now,
    );
    return { ...h, notify };
  }

  it('tells the agency by e-mail and Telegram in Russian', async () => {
    const { notify } = setup(new Date('2026-03-02T09:00:00Z'));
    const mail = smtp.nextMail();
    const records = await notify.notifyAgency({ eventId: 'ev-r1', incidentId: 'inc-1', urgency: 'normal' }, 'ag-1', { kind: 'incident.routed', incident, reason: 'правило 12' });
    expect(records.map((r) => r.status)).toEqual(['sent', 'sent']);
    expect((await mail).subject).toBe('Новое обращение № 78-1');
    expect(tg.sent.at(-1)).toMatchObject({ chatId: '-1001', text: expect.stringContaining('№ 78-1') });
  });

  it('keeps a night-time notice until quiet hours end, then sends it', async () => {
    const { notify, clock, service } = setup(new Date('2026-03-02T20:30:00Z'));
    const sentBefore = tg.sent.length;
    const records = await notify.notifyAgency({ eventId: 'ev-b1', incidentId: 'inc-1', urgency: 'normal' }, 'ag-1', { kind: 'sla.breached', incident, dueAt: new Date('2026-03-02T15:00:00Z') });
    expect(records.map((r) => [r.status, r.notBefore.toISOString()])).toEqual([
      ['pending', '2026-03-03T05:00:00.000Z'],
      ['pending', '2026-03-03T05:00:00.000Z'],
    ]);
    expect(await service.runDue()).toBe(0);
    clock.set(new Date('2026-03-03T05:00:00Z'));
    const mail = smtp.nextMail();
    expect(await service.runDue()).toBe(2);
    expect((await mail).subject).toBe('Просрочено обращение № 78-1');
    expect(tg.sent.length).toBe(sentBefore + 1);
  });

  it('sends an emergency at night at once', async () => {
    const { notify } = setup(new Date('2026-03-02T20:30:00Z'));
    const records = await notify.notifyAgency({ eventId: 'ev-e1', urgency: 'emergency' }, 'ag-1', { kind: 'incident.routed', incident: { ...incident, urgency: 'emergency' }, reason: 'газ' });
    expect(records.every((r) => r.status === 'sent')).toBe(true);
  });

  it('sends nothing to an agency without preferences or for an unsubscribed kind', async () => {
    const { notify } = setup(new Date('2026-03-02T09:00:00Z'));
    expect(await notify.notifyAgency({ eventId: 'ev-x', urgency: 'normal' }, 'ag-unknown', { kind: 'incident.routed', incident, reason: 'x' })).toEqual([]);
    expect(await notify.notifyAgency({ eventId: 'ev-y', urgency: 'normal' }, 'ag-1', { kind: 'sla.warning', incident, percent: 75, dueAt: new Date() })).toEqual([]);
  });

  it('alerts operators about a disabled webhook', async () => {
    const { notify } = setup(new Date('2026-03-02T20:30:00Z'));
    const records = await notify.notifyOperators(
      { eventId: 'wh-off-1', urgency: 'high' },
      { kind: 'webhook.disabled', endpointId: 'ep-1', agencyId: 'ag-1', url: 'https://ag/hook', lastError: 'HTTP 500' },
    );
    expect(records[0]).toMatchObject({ status: 'sent', recipient: 'operators/duty' });
    expect(tg.sent.at(-1)?.text).toContain('Отключён вебхук ведомства ag-1');
  });
});
