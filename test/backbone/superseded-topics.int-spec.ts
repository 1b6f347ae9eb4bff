import { getConnectionToken } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { createEvent, TOPICS } from '@otklik/contracts';
import { EventPublisher, KafkaConnection } from '@otklik/messaging';
import { isolateInfra, IsolatedInfra, startTestService, TestService, waitFor } from '@otklik/testing';
import { PublisherOnlyModule } from './fixtures/relay.module';
import { BreachKeeperModule } from './fixtures/superseded.module';

const V1 = 'otklik.sla.breached.v1';
const breach = (incidentId: string) => ({
  incidentId,
  agencyId: 'spb-kei',
  topicCode: 'landscaping.lighting',
  policy: 'social-post@1',
  phase: 'first_answer' as const,
  dueAt: '2026-12-07T09:00:00.000Z',
  breachedAt: '2026-12-07T09:00:01.000Z',
});
/** The event as a producer from before the upgrade put it on the v1 topic. */
const asV1 = (event: object) => JSON.stringify({ ...event, schemaVersion: 1 }).replace('"topicCode":', '"topic":');

describe('a topic superseded by a new payload version, on the real broker', () => {
  let infra: IsolatedInfra;
  let source: TestService;
  let keeper: TestService | undefined;
  let publisher: EventPublisher;

  const kept = async (id: string) =>
    (await keeper!.app
      .get<Connection>(getConnectionToken())
      .collection('breaches')
      .findOne({ _id: id as never })) ?? undefined;

  beforeAll(async () => {
    infra = isolateInfra('superseded');
    source = await startTestService('ingest', PublisherOnlyModule);
    publisher = source.app.get(EventPublisher);
  });

  afterAll(async () => {
    await keeper?.close();
    await source?.close();
    await infra?.cleanup();
  });

  it('is read while it exists: its events, published before the upgrade, reach the current handler upgraded', async () => {
    // Before the upgrade: the v1 topic exists and holds an event nobody has read yet.
    await source.app.get(KafkaConnection).ensureTopics([V1]);
    const old = createEvent(TOPICS.slaBreached, breach('before-upgrade'), { correlationId: 'c-old' });
    await publisher.sendRaw(V1, { key: 'before-upgrade', value: asV1(old) });
    await publisher.flush();

    keeper = await startTestService('sla-tracker', BreachKeeperModule);
    const fresh = await publisher.publish(TOPICS.slaBreached, breach('after-upgrade'), { key: 'after-upgrade' });

    const upgraded = await waitFor('the v1 event handled', () => kept(old.id));
    await waitFor('the v2 event handled', () => kept(fresh.id));
    expect(upgraded).toMatchObject({ schemaVersion: 2, topic: TOPICS.slaBreached, handled: 1, payload: { topicCode: 'landscaping.lighting', incidentId: 'before-upgrade' } });
    expect(upgraded?.payload).not.toHaveProperty('topic');
  });

  it('is never created by a consumer that handles its successor', async () => {
    const topics = await source.app.get(KafkaConnection).existingTopics(['otklik.sla.warning.v1', TOPICS.slaBreached, V1]);

    expect(topics).toEqual([TOPICS.slaBreached, V1]);
  });
});
