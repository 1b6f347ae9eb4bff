import { TOPICS, type EventEnvelope, type IncidentClassifiedV2, type PostDismissedV1, type ClassificationCorrectedV2 } from '@otklik/contracts';
import { EventPublisher } from '@otklik/messaging';
import { authHeader, isolateInfra, openApiSecurityGaps, startTestService, waitFor, type IsolatedInfra, type TestService } from '@otklik/testing';
import { AppModule } from '../app.module';
import { readCorrectionRecords, toLabelledTexts } from '../datasets/corrections.reader';
import { UnmappedLabels } from '../datasets/unmapped-labels';
import { samplePost as post } from '../testing/post-fixture';

let infra: IsolatedInfra;
let service: TestService;

beforeAll(async () => {
  infra = isolateInfra('classifier');
  service = await startTestService('classifier', AppModule);
});

afterAll(async () => {
  await service?.close();
  await infra?.cleanup();
});

const payloadOf = <P extends object>(message: { json: unknown }) => (message.json as EventEnvelope<P>).payload;

describe('classifier service', () => {
  it('classifies a complaint into an incident with topic, urgency, place and explanation', async () => {
    const tap = await service.tap([TOPICS.incidentClassified]);
    const received = await service.app
      .get(EventPublisher)
      .publish(TOPICS.postReceived, post('p-heat', 'Третий день нет отопления в квартире, батареи холодные. Невский район, ул. Седова, 12'), { key: 'p-heat' });
    const message = await tap.waitFor(TOPICS.incidentClassified, (m) => payloadOf<IncidentClassifiedV2>(m).postId === 'p-heat');
    const incident = payloadOf<IncidentClassifiedV2>(message);
    expect(incident.topicCode.label).toBe('housing.heating');
    expect(incident.urgencyLevel).toBe('emergency');
    expect(incident.place).toMatchObject({ territoryCode: '40:nevsky', address: 'улица Седова, 12' });
    expect(incident.explanation.rules).toContain('urgency:heating-outage-in-heating-season');
    expect(incident.modelVersion).toMatch(/^clf-/);
    expect((message.json as EventEnvelope).causationId).toBe(received.id);
  });

  it('dismisses thanks with a reason', async () => {
    const tap = await service.tap([TOPICS.postDismissed]);
    await service.app.get(EventPublisher).publish(TOPICS.postReceived, post('p-thanks', 'Спасибо большое за быструю уборку двора!'), { key: 'p-thanks' });
    const message = await tap.waitFor(TOPICS.postDismissed, (m) => payloadOf<PostDismissedV1>(m).postId === 'p-thanks');
    expect(payloadOf<PostDismissedV1>(message)).toMatchObject({ reason: 'kind:thanks', kind: { label: 'thanks' } });
  });

  it('re-classifies an edited post', async () => {
    const tap = await service.tap([TOPICS.incidentClassified]);
    await service.app.get(EventPublisher).publish(TOPICS.postEdited, post('p-edit', 'Во дворе огромная яма на проезде, машины бьют колёса', { revision: 2 }), { key: 'p-edit' });
    const message = await tap.waitFor(TOPICS.incidentClassified, (m) => payloadOf<IncidentClassifiedV2>(m).postId === 'p-edit');
    expect(payloadOf<IncidentClassifiedV2>(message)).toMatchObject({ revision: 2, topicCode: { label: 'roads.surface' } });
  });

  it('announces a redelivered post again under the same event id, so consumers see it once', async () => {
    const tap = await service.tap([TOPICS.incidentClassified]);
    const publisher = service.app.get(EventPublisher);
    const received = await publisher.publish(TOPICS.postReceived, post('p-twice', 'На остановке у дома 5 сорвана табличка с расписанием автобуса'), { key: 'p-twice' });
    await publisher.send(TOPICS.postReceived, received, 'p-twice');
    const isOurs = (m: { json: unknown }) => payloadOf<IncidentClassifiedV2>(m).postId === 'p-twice';
    const announced = await waitFor(
      'both announcements',
      () => {
        const ours = tap.messages.filter((m) => m.topic === TOPICS.incidentClassified && isOurs(m));
        return ours.length === 2 && ours;
      },
      60_000,
    );
    expect((announced[0].json as EventEnvelope).id).toBe((announced[1].json as EventEnvelope).id);
  });

  it('queues a doubtful decision; an answer from the review queue is stored for training', async () => {
    await service.app.get(EventPublisher).publish(TOPICS.postReceived, post('p-vague', 'Обратите внимание на это безобразие'), { key: 'p-vague' });
    const queued = await waitFor('the vague post in the review queue', async () => {
      const items = (await (await fetch(`${service.baseUrl}/review-queue?status=pending`, { headers: authHeader({ role: 'operator' }) })).json()) as {
        postId: string;
        decision: { reviewReasons: string[] };
      }[];
      return items.find((i) => i.postId === 'p-vague');
    });
    expect(queued.decision.reviewReasons.length).toBeGreaterThan(0);

    const response = await fetch(`${service.baseUrl}/review-queue/p-vague/correct`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authHeader({ role: 'operator', sub: 'op-7' }) },
      body: JSON.stringify({ topicCode: 'landscaping.yards' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ postId: 'p-vague', topicCode: 'landscaping.yards', correctedBy: 'op-7' });

    const examples = toLabelledTexts(await readCorrectionRecords(infra.mongoUri, infra.database), new UnmappedLabels());
    expect(examples).toEqual([expect.objectContaining({ source: 'correction', id: 'p-vague', topicCode: 'landscaping.yards', category: 'landscaping' })]);
    const item = (await (await fetch(`${service.baseUrl}/review-queue/p-vague`, { headers: authHeader({ role: 'operator' }) })).json()) as { status: string; resolvedBy: string };
    expect(item).toMatchObject({ status: 'corrected', resolvedBy: 'op-7' });
  });

  it("makes desk's corrections training examples: a wrongly dismissed post, then a later fix of its urgency", async () => {
    const publisher = service.app.get(EventPublisher);
    const dismissedTap = await service.tap([TOPICS.postDismissed]);
    await publisher.publish(TOPICS.postReceived, post('p-thx', 'Спасибо, что наконец заделали яму у дома 3!'), { key: 'p-thx' });
    await dismissedTap.waitFor(TOPICS.postDismissed, (m) => payloadOf<PostDismissedV1>(m).postId === 'p-thx');
    // As desk announces them (desk is the event's one producer): the post needs action after all.
    const correction: ClassificationCorrectedV2 = {
      postId: 'p-thx',
      dismissed: false,
      topicCode: 'roads.surface',
      territoryCode: '40:nevsky',
      correctedBy: 'op-9',
      text: 'Спасибо, что наконец заделали яму у дома 3! Но у дома 5 яма осталась',
    };
    await publisher.publish(TOPICS.classificationCorrected, correction, { key: 'p-thx' });
    const first = await waitFor('the corrected post as a labelled example', async () =>
      toLabelledTexts(await readCorrectionRecords(infra.mongoUri, infra.database), new UnmappedLabels()).find((e) => e.id === 'p-thx'),
    );
    expect(first).toMatchObject({ source: 'correction', topicCode: 'roads.surface', category: 'roads', text: correction.text, sourceLabels: { kind: 'complaint' } });

    await publisher.publish(TOPICS.classificationCorrected, { postId: 'p-thx', urgency: 'high', correctedBy: 'op-9' }, { key: 'p-thx' });
    const records = await waitFor('the urgency fix', async () => {
      const found = (await readCorrectionRecords(infra.mongoUri, infra.database)).find((r) => r.postId === 'p-thx') as Record<string, unknown> | undefined;
      return found?.urgency === 'high' ? found : undefined;
    });
    // Corrections add up: the later one keeps the earlier topic and text.
    expect(records).toMatchObject({ kind: 'complaint', topicCode: 'roads.surface', urgency: 'high', territoryCode: '40:nevsky', action: 'corrected', text: correction.text });
  });

  it("records the token's caller as the operator and refuses a body that names one, changing nothing", async () => {
    await service.app.get(EventPublisher).publish(TOPICS.postReceived, post('p-who', 'Обратите внимание на это безобразие'), { key: 'p-who' });
    await waitFor('the post in the review queue', async () => (await fetch(`${service.baseUrl}/review-queue/p-who`, { headers: authHeader({ role: 'operator' }) })).status === 200);
    const answer = (body: object, sub: string) =>
      fetch(`${service.baseUrl}/review-queue/p-who/confirm`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...authHeader({ role: 'operator', sub }) },
        body: JSON.stringify(body),
      });

    const impersonating = await answer({ operatorId: 'someone-else' }, 'op-3');
    expect(impersonating.status).toBe(400);
    expect(((await impersonating.json()) as { message: string[] }).message).toEqual(['operatorId: taken from the verified token; leave it out']);
    const untouched = (await (await fetch(`${service.baseUrl}/review-queue/p-who`, { headers: authHeader({ role: 'operator' }) })).json()) as { status: string };
    expect(untouched.status).toBe('pending');

    const confirmed = await answer({}, 'op-3');
    expect(confirmed.status).toBe(200);
    expect(await confirmed.json()).toMatchObject({ postId: 'p-who', correctedBy: 'op-3' });
    const item = (await (await fetch(`${service.baseUrl}/review-queue/p-who`, { headers: authHeader({ role: 'operator' }) })).json()) as { status: string; resolvedBy: string };
    expect(item).toMatchObject({ status: 'confirmed', resolvedBy: 'op-3' });
  });

  it('answers 400 naming the field for a topic outside the taxonomy, 404 for an unknown post', async () => {
    const bad = await fetch(`${service.baseUrl}/review-queue/p-vague/correct`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authHeader({ role: 'operator' }) },
      body: JSON.stringify({ topicCode: 'roads.teleport' }),
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('topicCode must be a topic code');
    const empty = await fetch(`${service.baseUrl}/review-queue/p-vague/correct`, { method: 'POST', headers: { 'content-type': 'application/json', ...authHeader({ role: 'operator' }) }, body: '{}' });
    expect(empty.status).toBe(400);
    const missing = await fetch(`${service.baseUrl}/review-queue/nope/confirm`, { method: 'POST', headers: { 'content-type': 'application/json', ...authHeader({ role: 'operator' }) }, body: '{}' });
    expect(missing.status).toBe(404);
    const badQuery = await fetch(`${service.baseUrl}/review-queue?limit=0`, { headers: authHeader({ role: 'operator' }) });
    expect(badQuery.status).toBe(400);
  });

  it("answers 401 without a token and 403 to agency staff and integrations: the review queue is the centre's", async () => {
    expect((await fetch(`${service.baseUrl}/review-queue`)).status).toBe(401);
    const confirm = (headers: Record<string, string>) =>
      fetch(`${service.baseUrl}/review-queue/p-vague/confirm`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });
    expect((await confirm({})).status).toBe(401);
    expect((await confirm(authHeader({ role: 'agency', agencyId: 'gkh' }))).status).toBe(403);
    expect((await fetch(`${service.baseUrl}/review-queue`, { headers: authHeader({ role: 'agency', agencyId: 'gkh' }) })).status).toBe(403);
    expect((await fetch(`${service.baseUrl}/review-queue`, { headers: authHeader({ role: 'integration' }) })).status).toBe(403);
  });

  it('declares the bearer scheme and the 401 and 403 of every operation in its OpenAPI document', async () => {
    expect(await openApiSecurityGaps(service.baseUrl)).toEqual([]);
  });
});
