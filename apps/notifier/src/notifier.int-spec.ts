import { createEvent, EventEnvelope, TOPICS } from '@otklik/contracts';
import { EventPublisher } from '@otklik/messaging';
import { authHeader, IsolatedInfra, isolateInfra, startTestService, TestService, waitFor } from '@otklik/testing';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { AppModule } from './app.module';
import { SmtpTestServer } from './testing/smtp-test-server';
import { VkApiTestServer } from './testing/platform-test-servers';
import { BotApiTestServer } from './testing/bot-api-test-server';

/** The notifier as deployed: real broker, real database, a real SMTP server, local Bot API and VK API. */
describe('notifier service', () => {
  let infra: IsolatedInfra;
  let service: TestService;
  const smtp = new SmtpTestServer();
  const tg = new BotApiTestServer('7:bot');
  const vk = new VkApiTestServer('vk-token');
  const now = new Date();

  beforeAll(async () => {
    infra = isolateInfra('notifier');
    const [smtpPort, tgUrl, vkUrl] = await Promise.all([smtp.start(), tg.start(), vk.http.start()]);
    Object.assign(process.env, {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtpPort),
      TELEGRAM_API_URL: tgUrl,
      TELEGRAM_BOT_TOKEN: '7:bot',
      VK_API_URL: vkUrl,
      VK_ACCESS_TOKEN: 'vk-token',
      OPERATOR_TELEGRAM_CHATS: '-777',
      DELIVERY_POLL_MS: '100',
      NOTIFIER_DESK_URL: 'https://desk.otklik.test',
    });
    tg.addChat('-1001');
    tg.addChat('-777');
    vk.walls.set('-300', new Set([15]));
    service = await startTestService('notifier', AppModule);
  });

  afterAll(async () => {
    await service?.close();
    await Promise.all([smtp.stop(), tg.stop(), vk.http.stop()]);
    await infra?.cleanup();
  });

  const http = (path: string, method = 'GET', body?: unknown) =>
    fetch(`${service.baseUrl}${path}`, { method, headers: { 'content-type': 'application/json', ...authHeader({ role: 'admin' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
  const publisher = () => service.app.get(EventPublisher);

  const routed = {
    incidentId: 'inc-1',
    number: '78-2026-000001',
    topicCode: 'roads.pothole',
    urgency: 'normal' as const,
    place: { territoryCode: '40000000', address: 'ул. Садовая, 5' },
    regionCode: '78',
    postIds: ['p-vk-1'],
    agencyId: 'ag-1',
    coExecutorIds: [],
    decision: { method: 'rule' as const, ruleId: 'r12', confidence: 1, explanation: 'правило 12: дороги × Центральный район' },
    routedAt: now.toISOString(),
  };

  it('refuses bad preferences with 400 naming the field', async () => {
    const res = await http('/v1/agencies/ag-1/preferences', 'PUT', {
      locale: 'ru',
      timeZone: 'Mars/Olympus',
      events: ['incident.routed'],
      channels: ['email'],
      contacts: [{ id: 'm', channel: 'email', address: 'not-mail', role: 'staff' }],
      digestHour: 9,
    });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).toContain('timeZone');
    expect(text).toContain('contacts.0.address');
  });

  it('tells the agency by e-mail and Telegram once, even when the routed event is redelivered', async () => {
    const put = await http('/v1/agencies/ag-1/preferences', 'PUT', {
      locale: 'ru',
      timeZone: 'Europe/Moscow',
      events: ['incident.routed', 'sla.breached'],
      channels: ['email', 'telegram'],
      contacts: [
        { id: 'mail', channel: 'email', address: 'duty@ag.test', role: 'staff' },
        { id: 'chat', channel: 'telegram', address: '-1001', role: 'staff' },
      ],
      digestHour: 9,
    });
    expect(put.status).toBe(200);
    const tap = await service.tap([TOPICS.notificationSent]);
    await publisher().publish(
      TOPICS.postReceived,
      {
        postId: 'p-vk-1',
        platform: 'vk',
        externalId: '-300_15',
        sourceId: 's1',
        community: { id: '-300' },
        author: { pseudonym: 'h1' },
        text: 'Яма на Садовой',
        createdAt: now.toISOString(),
        attachments: [],
      },
      { key: 'p-vk-1' },
    );
    const firstMail = smtp.nextMail();
    const envelope = await publisher().publish(TOPICS.incidentRouted, routed, { key: 'inc-1' });
    expect((await firstMail).subject).toBe('Новое обращение № 78-2026-000001');
    const sent = await tap.waitFor(TOPICS.notificationSent, (m) => (m.json as EventEnvelope<{ sourceEventId: string; channel: string }>).payload.channel === 'telegram');
    expect((sent.json as EventEnvelope<{ sourceEventId: string }>).payload.sourceEventId).toBe(envelope.id);

    // The same event again (a redelivery), then a later one to wait on.
    await publisher().send(TOPICS.incidentRouted, envelope, 'inc-1');
    const breachMail = smtp.nextMail();
    await publisher().publish(
      TOPICS.slaBreached,
      { incidentId: 'inc-1', agencyId: 'ag-1', topicCode: 'roads.pothole', policy: 'social-post@1', phase: 'final_answer', dueAt: now.toISOString(), breachedAt: now.toISOString() },
      { key: 'inc-1' },
    );
    expect((await breachMail).subject).toBe('Просрочено обращение № 78-2026-000001');
    await tap.waitFor(TOPICS.notificationSent, (m) => {
      const p = (m.json as EventEnvelope<{ kind?: string; channel: string }>).payload;
      return p.kind === 'sla.breached' && p.channel === 'email';
    });
    expect(smtp.received.filter((m) => m.subject.startsWith('Новое обращение'))).toHaveLength(1);

    const log = (await (await http(`/v1/deliveries?incidentId=inc-1&channel=email`)).json()) as { kind: string; status: string; attempts: number }[];
    expect(log.map((d) => [d.kind, d.status, d.attempts]).sort()).toEqual([
      ['incident.routed', 'sent', 1],
      ['sla.breached', 'sent', 1],
    ]);
  });

  it('words the notices of an incident it kept before the taxonomy code was named topicCode', async () => {
    const board = service.app.get<Connection>(getConnectionToken()).collection('notifier_incidents');
    await board.insertOne({ _id: 'inc-old', number: '78-2026-000009', topic: 'housing.heating', urgency: 'normal', agencyId: 'ag-1', postIds: [] } as never);
    const breachMail = smtp.nextMail();
    await publisher().publish(
      TOPICS.slaBreached,
      { incidentId: 'inc-old', agencyId: 'ag-1', topicCode: 'housing.heating', policy: 'social-post@1', phase: 'first_answer', dueAt: now.toISOString(), breachedAt: now.toISOString() },
      { key: 'inc-old' },
    );
    const mail = await breachMail;
    expect(mail.subject).toBe('Просрочено обращение № 78-2026-000009');
    expect(mail.body).toContain('по обращению № 78-2026-000009 (Отопление) истёк');
  });

  it('holds a formal non-answer, flags it to operators, and publishes it under the post once released', async () => {
    const tap = await service.tap([TOPICS.answerFlagged, TOPICS.replyPublished, TOPICS.notificationSent]);
    const answered = createEvent(TOPICS.agencyAnswered, {
      answerId: 'ans-1',
      incidentId: 'inc-1',
      agencyId: 'ag-1',
      kind: 'final',
      text: 'Ваше обращение принято к сведению.',
      photos: [],
      actor: { userId: 'u1', role: 'agency', agencyId: 'ag-1' },
      answeredAt: now.toISOString(),
    });
    await publisher().send(TOPICS.agencyAnswered, answered, 'inc-1');
    const flagged = await tap.waitFor(TOPICS.answerFlagged);
    expect((flagged.json as EventEnvelope<{ held: boolean; reasons: string[] }>).payload).toMatchObject({ held: true, reasons: expect.arrayContaining(['noted-only']) });
    await tap.waitFor(TOPICS.notificationSent, (m) => (m.json as EventEnvelope<{ kind?: string }>).payload.kind === 'answer.flagged');
    expect(tg.sent.filter((m) => m.chatId === '-777').map((m) => m.text)).toEqual([expect.stringContaining('Возможная отписка по обращению № 78-2026-000001')]);
    expect(vk.comments).toHaveLength(0);

    const held = (await (await http('/v1/deliveries?status=held')).json()) as { id: string; recipient: string }[];
    expect(held.map((d) => d.recipient)).toEqual(['post:p-vk-1']);
    const released = await http(`/v1/deliveries/${held[0].id}/release`, 'POST');
    expect(released.status).toBe(201);
    const published = await tap.waitFor(TOPICS.replyPublished);
    expect((published.json as EventEnvelope<{ postId: string; platform: string }>).payload).toMatchObject({ postId: 'p-vk-1', platform: 'vk' });
    expect(vk.comments).toEqual([expect.objectContaining({ ownerId: '-300', postId: 15, message: expect.stringContaining('https://desk.otklik.test/incidents/78-2026-000001') })]);
  });

  it('tells each escalation step the recipients the directory names for it, operators from the second step', async () => {
    const tap = await service.tap([TOPICS.notificationSent]);
    const escalation = [
      { role: 'agency_head' as const, channel: 'email' as const, address: 'head@zha.test' },
      { role: 'supervisor' as const, channel: 'email' as const, address: 'supervisor@mc.test' },
      { role: 'deputy_governor' as const, channel: 'email' as const, address: 'deputy@gov.test', name: 'заместитель губернатора' },
    ];
    const agency = { name: 'ЖА Невского района', kind: 'housing_agency', timeZone: 'Europe/Moscow', workingHours: [{ weekdays: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' }], escalation };
    await publisher().publish(TOPICS.incidentRouted, { ...routed, incidentId: 'inc-esc', number: '78-2026-000009', agencyId: 'ag-esc', postIds: [], agency }, { key: 'inc-esc' });
    const recipientsOf = async (level: number, role: string, expected: number) => {
      const clock = { incidentId: 'inc-esc', agencyId: 'ag-esc', topicCode: 'roads.pothole', policy: 'social-post@1', phase: 'first_answer' as const, dueAt: now.toISOString() };
      const event = await publisher().publish(TOPICS.slaEscalated, { ...clock, level, role, repeat: 1 }, { key: 'inc-esc' });
      // Outcome events may reach the tap twice (the outbox re-publishes under the same id).
      const sent = () =>
        new Map(
          tap.messages
            .map((m) => m.json as EventEnvelope<{ sourceEventId: string; recipient: string }>)
            .filter((e) => e.payload.sourceEventId === event.id)
            .map((e) => [e.id, e.payload.recipient]),
        );
      await waitFor(`${expected} deliveries of step ${level}`, () => sent().size >= expected || undefined);
      return [...sent().values()].sort();
    };
    expect(await recipientsOf(1, 'agency_head', 1)).toEqual(['escalation:agency_head/email:head@zha.test']);
    expect(await recipientsOf(2, 'supervisor', 2)).toEqual(['escalation:supervisor/email:supervisor@mc.test', 'operators/telegram-0']);
    expect(await recipientsOf(3, 'deputy_governor', 2)).toEqual(['escalation:deputy_governor/email:deputy@gov.test', 'operators/telegram-0']);
    expect(smtp.received.filter((m) => m.to.includes('deputy@gov.test')).map((m) => m.subject)).toEqual([expect.stringContaining('78-2026-000009')]);
  });

  it('answers 404 for a delivery that does not exist', async () => {
    expect((await http('/v1/deliveries/nope')).status).toBe(404);
  });
});
