import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventEnvelope, IncidentClassifiedV2, IncidentRoutedV2, IncidentSurgeV2, SurgeEscalatedV2, TOPICS } from '@otklik/contracts';
import { CaughtMail, MailCatcher } from '@otklik/fake-platforms';
import { DEFAULT_MESSAGING_OPTIONS, EventPublisher, EventTap, KafkaConnection, TappedMessage } from '@otklik/messaging';
import { authHeader, DeskClient, waitFor } from '@otklik/testing';
import { Stack } from '../support/stack';

const ADMIN = { login: 'queues-admin', password: 'Очереди-ЦУР-2026-тест' };
const PASSWORD = 'Оператор-смены-2026!';
const AGENCY = 'spb-zha-nevsky';
const HEAD = 'head@zha-nevsky.test';
const CURATOR = 'curator@centre.test';
const payloadOf = <T extends object>(message: TappedMessage): T => (message.json as EventEnvelope<T>).payload;
const T0 = Date.now() - 10 * 60_000;

/** What the classifier publishes for a heating complaint in the Nevsky district, each at its own spot. */
function heatingComplaint(postId: string, lat: number): IncidentClassifiedV2 {
  return {
    postId,
    kind: { label: 'complaint', confidence: 0.97 },
    topicCode: { label: 'housing.heating', confidence: 0.93 },
    urgency: { label: 'normal', confidence: 0.9 },
    sentiment: { label: 'negative', confidence: 0.8 },
    modelVersion: 'test',
    taxonomyVersion: 'test',
    needsReview: false,
    explanation: { rules: [], features: [] },
    text: 'Нет отопления, батареи холодные',
    urgencyLevel: 'normal',
    place: { territoryCode: '40:nevsky', name: 'Невский район', geo: { lat, lon: 30.45 } },
  };
}

/**
 * Six posts by one author within minutes through ingest's intake: the spam filter holds the sixth
 * back as flood. The sixth is another problem than the first five (which the router groups into
 * one incident), so that, released, it makes an incident of its own.
 */
const floodPost = (i: number) => ({
  sourceId: 'queues-monitor',
  externalId: `queues-flood-${i}`,
  author: { id: 'one-author', displayName: 'Один автор' },
  text:
    i < 6
      ? `Во дворе дома ${i} на Садовой улице прорвало трубу, горячая вода заливает подвал, управляющая компания не отвечает`
      : 'На перекрёстке у станции метро не работает светофор второй день, машины едут на красный, дети переходят с риском',
  createdAt: new Date(T0 + i * 60_000).toISOString(),
});

/**
 * Surges, held posts and dismissed posts across the services that handle them, as separate
 * processes on the real broker and database: router → notifier and desk for surges (and desk's
 * escalation back to the notifier), desk → ingest → classifier → router for a released post, desk
 * → router for a post marked not dismissed. Mail goes to a real SMTP server.
 */
describe('operator queues across services', () => {
  const workDir = mkdtempSync(join(tmpdir(), 'otklik-queues-'));
  const mail = new MailCatcher({ dir: join(workDir, 'mail') });
  let stack: Stack;
  let kafka: KafkaConnection;
  let tap: EventTap;
  let publisher: EventPublisher;
  let admin: DeskClient;
  let operator: DeskClient;
  let agency: DeskClient;

  const call = (service: 'router' | 'ingest', method: string, path: string, body?: unknown) =>
    fetch(`${stack.url(service)}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...authHeader({ role: 'admin' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const mailsTo = async (address: string): Promise<CaughtMail[]> => (await mail.list()).filter((m) => m.to.includes(address));
  const mailTo = (address: string, subject: RegExp) => waitFor(`a mail to ${address} saying ${subject}`, async () => (await mailsTo(address)).find((m) => subject.test(m.subject)), 90_000, 250);
  const routedWith = (postId: string) => tap.waitFor(TOPICS.incidentRouted, (m) => payloadOf<IncidentRoutedV2>(m).postIds.includes(postId), 120_000);
  const user = async (login: string, role: string, agencyId?: string): Promise<DeskClient> => {
    const created = await admin.post('/api/v1/users', { login, displayName: login, role, agencyId, password: PASSWORD });
    if (created.status !== 201) throw new Error(`cannot create ${login}: ${JSON.stringify(created.body)}`);
    return new DeskClient(stack.url('desk')).login(login, PASSWORD);
  };

  beforeAll(async () => {
    await mail.start();
    stack = new Stack({
      label: 'queues',
      services: ['desk', 'notifier', 'router', 'classifier', 'ingest'],
      commonEnv: { DESK_SCRYPT_COST_LOG2: '12' },
      env: {
        ingest: { INGEST_PSEUDONYM_KEY: 'queues-pseudonym-key-0123456789abcdef', INGEST_POLLING_ENABLED: 'false', INGEST_RELAY_IDLE_MS: '50' },
        router: { ROUTER_SURGE_THRESHOLD: '3', ROUTER_SURGE_REGION_THRESHOLD: '1000' },
        notifier: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(mail.smtpPort), DELIVERY_POLL_MS: '100', OPERATOR_EMAILS: 'centre@otklik.test' },
        // Half a minute for the centre to acknowledge a surge.
        desk: { DESK_ADMIN_LOGIN: ADMIN.login, DESK_ADMIN_PASSWORD: ADMIN.password, DESK_SURGE_ACKNOWLEDGE_MINUTES: '0.5' },
      },
    });
    await stack.start();
    kafka = new KafkaConnection(
      { ...DEFAULT_MESSAGING_OPTIONS, clientId: 'classifier', groupId: 'queues-tap', brokers: stack.brokers.split(','), topicPrefix: stack.topicPrefix },
      { info: () => undefined, warn: () => undefined, error: () => undefined },
    );
    tap = await EventTap.open(kafka, [TOPICS.incidentRouted, TOPICS.incidentSurge, TOPICS.surgeEscalated, TOPICS.postReceived, TOPICS.postDismissed, TOPICS.classificationCorrected]);
    publisher = new EventPublisher(kafka);
    admin = await new DeskClient(stack.url('desk')).login(ADMIN.login, ADMIN.password);
    [operator, agency] = await Promise.all([user('queues-operator', 'operator'), user('queues-agency', 'agency', AGENCY)]);

    // The directory names who hears of each escalation step of the Nevsky housing agency.
    const current = (await (await call('router', 'GET', `/v1/agencies/${AGENCY}`)).json()) as Record<string, unknown>;
    const put = await call('router', 'PUT', `/v1/agencies/${AGENCY}`, {
      ...current,
      escalation: { agency_head: [{ channel: 'email', address: HEAD }], supervisor: [{ channel: 'email', address: CURATOR }] },
    });
    expect(put.status).toBe(200);
    const source = await call('ingest', 'POST', '/v1/sources', { id: 'queues-monitor', platform: 'intake', kind: 'intake', territoryCode: '40000000', pollIntervalSec: 0 });
    expect(source.status).toBe(201);
  }, 600_000);

  afterAll(async () => {
    await tap?.close();
    await kafka?.close();
    await stack?.stop();
    await stack?.cleanup();
    await mail.stop();
    rmSync(workDir, { recursive: true, force: true });
  }, 120_000);

  describe('a surge', () => {
    let surge: EventEnvelope<IncidentSurgeV2>;

    it("reaches the operators and the agency's head by mail and waits in desk's queue", async () => {
      for (const [i, lat] of [59.88, 59.89, 59.9].entries()) {
        await publisher.publish(TOPICS.incidentClassified, heatingComplaint(`queues-heat-${i}`, lat), { key: `queues-heat-${i}` });
      }
      surge = (await tap.waitFor(TOPICS.incidentSurge, (m) => payloadOf<IncidentSurgeV2>(m).territoryCode === '40:nevsky', 120_000)).json as EventEnvelope<IncidentSurgeV2>;
      expect(surge.payload).toMatchObject({ topicCode: 'housing.heating', territoryName: 'Невский район' });
      expect(surge.payload.incidentIds).toHaveLength(3);
      await mailTo('centre@otklik.test', /^Всплеск: 3 обращений по теме «Отопление» — Невский район$/);
      await mailTo(HEAD, /^Всплеск/);
      const queued = await waitFor(
        "the surge in desk's queue",
        async () => {
          const list = (await operator.get<{ surgeId: string; status: string }[]>('/api/v1/surges')).body;
          return list.find((s) => s.surgeId === surge.id);
        },
        30_000,
        250,
      );
      expect(queued.status).toBe('open');
    });

    it('left unacknowledged, goes from desk to the supervisor the directory names, and then can still be acknowledged', async () => {
      const escalated = await tap.waitFor(TOPICS.surgeEscalated, (m) => payloadOf<SurgeEscalatedV2>(m).surgeId === surge.id, 90_000);
      expect(payloadOf<SurgeEscalatedV2>(escalated)).toMatchObject({ role: 'supervisor', incidentIds: surge.payload.incidentIds });
      const curator = await mailTo(CURATOR, /^Эскалация: всплеск не принят в работу — Невский район, Отопление$/);
      expect(curator.text).toContain('куратору ЦУР');
      expect(await mailsTo(CURATOR)).toHaveLength(1);
      const acknowledged = await operator.post<{ status: string; acknowledged: { name: string } }>(`/api/v1/surges/${surge.id}/acknowledge`, { note: 'Бригада ТЭК выехала' });
      expect(acknowledged.status).toBe(200);
      expect(acknowledged.body).toMatchObject({ status: 'acknowledged', acknowledged: { name: 'queues-operator' } });
    });
  });

  describe('a post the spam filter held back', () => {
    let heldId: string;

    beforeAll(async () => {
      const intake = await call('ingest', 'POST', '/v1/posts', [1, 2, 3, 4, 5, 6].map(floodPost));
      const results = ((await intake.json()) as { results: { postId: string; outcome: string }[] }).results;
      expect(results.map((r) => r.outcome)).toEqual(['received', 'received', 'received', 'received', 'received', 'filtered']);
      heldId = results[5]?.postId ?? '';
    });

    it('is listed in desk with the reason, and agency staff cannot release it', async () => {
      const held = await operator.get<{ postId: string; filterReasons: string[] }[]>('/api/v1/posts/held');
      expect(held.body).toEqual([expect.objectContaining({ postId: heldId, filterReasons: ['flood'] })]);
      const refused = await agency.post(`/api/v1/posts/held/${heldId}/release`, {});
      expect(refused.status).toBe(403);
      expect(tap.messages.some((m) => m.topic === TOPICS.postReceived && m.key === heldId)).toBe(false);
    });

    it('released by an operator, is classified, routed and shown in desk as an incident', async () => {
      const released = await operator.post<{ postId: string; published: boolean; release: { by: string } }>(`/api/v1/posts/held/${heldId}/release`, {});
      expect(released.status).toBe(200);
      expect(released.body).toMatchObject({ postId: heldId, published: true });
      const routed = payloadOf<IncidentRoutedV2>(await routedWith(heldId));
      const incident = await waitFor(
        'the incident in desk',
        async () => {
          const found = await operator.get<{ postIds: string[] }>(`/api/v1/incidents/${routed.incidentId}`);
          return found.status === 200 && found.body.postIds.includes(heldId) ? found.body : undefined;
        },
        60_000,
        250,
      );
      expect(incident.postIds).toContain(heldId);
      expect((await operator.get<unknown[]>('/api/v1/posts/held')).body).toEqual([]);
    });
  });

  describe('a post the classifier dismissed', () => {
    let postId: string;

    beforeAll(async () => {
      const thanks = {
        sourceId: 'queues-monitor',
        externalId: 'queues-thanks',
        author: { id: 'grateful-author' },
        text: 'Огромное спасибо за быстрый ремонт лифта в нашем доме! Очень приятно, благодарим всю бригаду!',
        createdAt: new Date().toISOString(),
      };
      const intake = await call('ingest', 'POST', '/v1/posts', thanks);
      postId = ((await intake.json()) as { results: { postId: string }[] }).results[0]?.postId ?? '';
      await tap.waitFor(TOPICS.postDismissed, (m) => m.key === postId, 120_000);
    });

    it('marked not dismissed by an operator with a topic and territory, becomes a routed incident', async () => {
      await waitFor(
        'the dismissed post in desk',
        async () => {
          const page = await operator.get<{ items: { postId: string }[] }>('/api/v1/posts/dismissed');
          return page.body.items.some((p) => p.postId === postId) || undefined;
        },
        60_000,
        250,
      );
      expect((await agency.post(`/api/v1/posts/dismissed/${postId}/undismiss`, { topicCode: 'housing.lifts' })).status).toBe(403);
      const answer = await operator.post(`/api/v1/posts/dismissed/${postId}/undismiss`, { topicCode: 'housing.lifts', territoryCode: '40:kirovsky' });
      expect(answer.status).toBe(202);
      const routed = payloadOf<IncidentRoutedV2>(await routedWith(postId));
      expect(routed).toMatchObject({ topicCode: 'housing.lifts', place: expect.objectContaining({ territoryCode: '40:kirovsky' }) });
      await waitFor(
        'the incident in desk',
        async () => {
          const found = await operator.get<{ postIds: string[] }>(`/api/v1/incidents/${routed.incidentId}`);
          return (found.status === 200 && found.body.postIds.includes(postId)) || undefined;
        },
        60_000,
        250,
      );
      const listed = (await operator.get<{ items: { postId: string }[] }>('/api/v1/posts/dismissed')).body.items;
      expect(listed.map((p) => p.postId)).not.toContain(postId);
    });
  });
});
