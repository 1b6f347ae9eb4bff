import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { EscalationRecipient, EventEnvelope, IncidentRoutedV2, IncidentSurgeV2, TOPICS } from '@otklik/contracts';
import { EventPublisher } from '@otklik/messaging';
import { authHeader, IsolatedInfra, isolateInfra, startTestService, TestService, waitFor } from '@otklik/testing';
import { AppModule } from '../app.module';
import { ReceivedMail, SmtpTestServer } from '../testing/smtp-test-server';

const SUPERVISOR = 'curator@centre.test';
/** The chain the router's directory names for an agency: its head, then the centre's supervisor. */
const chain = (head: string): EscalationRecipient[] => [
  { role: 'agency_head', channel: 'email', address: head },
  { role: 'supervisor', channel: 'email', address: SUPERVISOR },
];

function routed(incidentId: string, agencyId: string, head: string, urgency: 'normal' | 'emergency' = 'normal'): IncidentRoutedV2 {
  return {
    incidentId,
    number: `78-2026-${incidentId}`,
    topicCode: 'housing.heating',
    urgency,
    regionCode: '40',
    postIds: [`p-${incidentId}`],
    place: { territoryCode: '40:nevsky', name: 'Невский район' },
    agencyId,
    coExecutorIds: [],
    decision: { method: 'rule', ruleId: 'r1', confidence: 1, explanation: 'правило 1' },
    routedAt: new Date().toISOString(),
    agency: { name: `Ведомство ${agencyId}`, kind: 'housing_agency', timeZone: 'Europe/Moscow', workingHours: [{ weekdays: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' }], escalation: chain(head) },
  };
}

/** The notifier on the real broker and database, mailing through a real SMTP server. */
describe('surge notices', () => {
  let infra: IsolatedInfra;
  let service: TestService;
  const smtp = new SmtpTestServer();
  const surgeIds = ['s1', 's2', 's3'];
  let surgeEvent: EventEnvelope<IncidentSurgeV2> | undefined;

  const publisher = () => service.app.get(EventPublisher);
  const mailsTo = (address: string): ReceivedMail[] => smtp.received.filter((m) => m.to.includes(address));
  const mailTo = (address: string, subject: RegExp) => waitFor(`a mail to ${address} saying ${subject}`, () => mailsTo(address).find((m) => subject.test(m.subject)), 20000, 100);
  const onBoard = (ids: string[]) =>
    waitFor(
      `incidents ${ids.join(', ')} on the board`,
      async () => {
        const board = service.app.get<Connection>(getConnectionToken()).collection('notifier_incidents');
        return (await board.countDocuments({ _id: { $in: ids } } as object)) === ids.length || undefined;
      },
      20000,
      100,
    );

  beforeAll(async () => {
    infra = isolateInfra('notifier-surge');
    const port = await smtp.start();
    Object.assign(process.env, {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(port),
      OPERATOR_EMAILS: 'centre@otklik.test',
      DELIVERY_POLL_MS: '100',
      NOTIFIER_DESK_URL: 'https://desk.otklik.test',
    });
    service = await startTestService('notifier', AppModule);
    const preferences = {
      locale: 'ru',
      timeZone: 'Europe/Moscow',
      events: ['incident.surge'],
      channels: ['email'],
      contacts: [{ id: 'duty', channel: 'email', address: 'duty-a@agency.test', role: 'staff' }],
      digestHour: 9,
    };
    const put = await fetch(`${service.baseUrl}/v1/agencies/ag-a/preferences`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...authHeader({ role: 'admin' }) },
      body: JSON.stringify(preferences),
    });
    expect(put.status).toBe(200);
    await publisher().publish(TOPICS.incidentRouted, routed('s1', 'ag-a', 'head-a@agency.test'), { key: 's1' });
    await publisher().publish(TOPICS.incidentRouted, routed('s2', 'ag-a', 'head-a@agency.test'), { key: 's2' });
    await onBoard(['s1', 's2']);
  });

  afterAll(async () => {
    await service?.close();
    await smtp.stop();
    await infra?.cleanup();
    for (const name of ['SMTP_HOST', 'SMTP_PORT', 'OPERATOR_EMAILS', 'DELIVERY_POLL_MS', 'NOTIFIER_DESK_URL']) delete process.env[name];
  });

  it('tells the operators, the agency that asked for surges and its head as the directory names them', async () => {
    const surge = await publisher().publish(
      TOPICS.incidentSurge,
      {
        territoryCode: '40:nevsky',
        territoryName: 'Невский район',
        topicCode: 'housing.heating',
        incidentIds: surgeIds,
        windowMinutes: 60,
        threshold: 3,
        detectedAt: new Date().toISOString(),
      },
      { key: '40:nevsky|housing.heating' },
    );
    surgeEvent = surge;
    const operators = await mailTo('centre@otklik.test', /^Всплеск: 3 обращений по теме «Отопление» — Невский район$/);
    expect(operators.body).toContain('https://desk.otklik.test/#/surges');
    expect(operators.body).toContain('№ 78-2026-s1, № 78-2026-s2');
    await mailTo('duty-a@agency.test', /^Всплеск/);
    await mailTo('head-a@agency.test', /^Всплеск/);
    expect(mailsTo(SUPERVISOR)).toEqual([]);
  });

  it('tells the agency of an incident that reached the notifier after its surge', async () => {
    expect(mailsTo('head-b@agency.test')).toEqual([]);
    await publisher().publish(TOPICS.incidentRouted, routed('s3', 'ag-b', 'head-b@agency.test'), { key: 's3' });
    const late = await mailTo('head-b@agency.test', /^Всплеск/);
    expect(late.body).toContain('№ 78-2026-s3');
  });

  it('sends each surge notice once, however often the surge is delivered', async () => {
    const deliveries = service.app.get<Connection>(getConnectionToken()).collection('notifier_deliveries');
    const before = await deliveries.countDocuments({ eventId: surgeEvent?.id });
    if (!surgeEvent) throw new Error('no surge was published');
    await publisher().send(TOPICS.incidentSurge, surgeEvent, '40:nevsky|housing.heating');
    await waitFor(
      'the repeated surge skipped as a duplicate',
      async () => {
        const metrics = await (await fetch(`${service.baseUrl}/metrics`)).text();
        return /otklik_messages_duplicate_total\{[^}]*topic="otklik\.incident\.surge\.v2"[^}]*\} [1-9]/.test(metrics) || undefined;
      },
      20000,
      100,
    );
    expect(await deliveries.countDocuments({ eventId: surgeEvent.id })).toBe(before);
    for (const address of ['centre@otklik.test', 'duty-a@agency.test', 'head-a@agency.test', 'head-b@agency.test']) {
      expect(mailsTo(address).filter((m) => m.subject.startsWith('Всплеск'))).toHaveLength(1);
    }
  });

  it('escalates an unacknowledged surge to the supervisor step once for all its agencies, and tells the operators', async () => {
    if (!surgeEvent) throw new Error('no surge was published');
    await publisher().publish(
      TOPICS.surgeEscalated,
      {
        surgeId: surgeEvent.id,
        territoryCode: '40:nevsky',
        territoryName: 'Невский район',
        topicCode: 'housing.heating',
        incidentIds: surgeIds,
        detectedAt: surgeEvent.payload.detectedAt,
        acknowledgeBy: new Date().toISOString(),
        role: 'supervisor',
        escalatedAt: new Date().toISOString(),
      },
      { key: '40:nevsky|housing.heating' },
    );
    const supervisor = await mailTo(SUPERVISOR, /^Эскалация: всплеск не принят в работу — Невский район, Отопление$/);
    expect(supervisor.body).toContain('куратору ЦУР');
    await mailTo('centre@otklik.test', /^Эскалация: всплеск/);
    expect(mailsTo(SUPERVISOR)).toHaveLength(1);
    expect(mailsTo('head-a@agency.test').filter((m) => m.subject.startsWith('Эскалация'))).toEqual([]);
  });
});
