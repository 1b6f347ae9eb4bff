import { getConnectionToken } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { IncidentClassifiedV2, OperatorActionRequestedV1, TOPICS } from '@otklik/contracts';
import { EventPublisher, EventTap } from '@otklik/messaging';
import { IsolatedInfra, isolateInfra, startTestService, TestService, waitFor } from '@otklik/testing';
import { AppModule } from '../app.module';
import { about, classifiedPost, payloadOf, withPost } from '../testing/tapped-events';

const classified = (postId: string, address: string, extra: Partial<IncidentClassifiedV2> = {}): IncidentClassifiedV2 =>
  classifiedPost(postId, 'housing.heating', '40:nevsky', address, { text: 'Холодные батареи', ...extra });

const operator = { userId: 'op-1', role: 'operator' as const };

/** Posts joining, merged into and split out of incidents, announced through the real broker from the real database. */
describe('router announces the posts an incident gathers and gives away', () => {
  let infra: IsolatedInfra;
  let service: TestService;
  let tap: EventTap;
  let publisher: EventPublisher;
  const outboxOf = async (incidentId: string) =>
    (
      await service.app
        .get<Connection>(getConnectionToken())
        .collection('incidents')
        .findOne({ _id: incidentId as never })
    )?.outbox as Record<string, unknown> | undefined;

  beforeAll(async () => {
    infra = isolateInfra('router-posts');
    service = await startTestService('router', AppModule);
    tap = await service.tap([TOPICS.incidentRouted, TOPICS.incidentPostAttached, TOPICS.incidentMerged, TOPICS.incidentSplit, TOPICS.incidentStateChanged]);
    publisher = service.app.get(EventPublisher);
  });

  afterAll(async () => {
    await service?.close();
    await infra?.cleanup();
  });

  const routedWith = async (postId: string) => payloadOf<{ incidentId: string; number: string }>(await tap.waitFor(TOPICS.incidentRouted, withPost(postId)));
  const act = (incidentId: string, extra: Partial<OperatorActionRequestedV1>): OperatorActionRequestedV1 => ({
    incidentId,
    action: 'merge',
    reason: 'одна и та же котельная',
    actor: operator,
    requestedAt: new Date().toISOString(),
    ...extra,
  });

  it('announces a second post about the same place once, even when its classification comes twice, and clears the outbox', async () => {
    await publisher.publish(TOPICS.incidentClassified, classified('heat-1', 'ул. Седова, д. 12'), { key: 'heat-1' });
    const { incidentId, number } = await routedWith('heat-1');
    await publisher.publish(TOPICS.incidentClassified, classified('heat-2', 'улица Седова, дом 12'), { key: 'heat-2' });
    const attached = payloadOf<{ incidentId: string; number: string; postId: string; postIds: string[] }>(await tap.waitFor(TOPICS.incidentPostAttached, about(incidentId)));
    expect(attached).toMatchObject({ incidentId, number, postId: 'heat-2', postIds: ['heat-1', 'heat-2'] });
    await publisher.publish(TOPICS.incidentClassified, classified('heat-2', 'улица Седова, дом 12'), { key: 'heat-2' });
    // Under the same key, so it is handled after the redelivery: its routing says the redelivery is done.
    await publisher.publish(TOPICS.incidentClassified, classified('heat-3', 'ул. Седова, 90'), { key: 'heat-2' });
    await routedWith('heat-3');
    expect(tap.messages.filter((m) => m.topic === TOPICS.incidentPostAttached && about(incidentId)(m))).toHaveLength(1);
    expect(tap.messages.some((m) => m.topic === TOPICS.incidentRouted && withPost('heat-2')(m))).toBe(false);
    await waitFor('the outbox of the incident cleared', async () => Object.keys((await outboxOf(incidentId)) ?? { pending: 1 }).length === 0 || undefined);
  });

  it("announces an operator's merge with the posts moved, and a split with the posts taken out", async () => {
    await publisher.publish(TOPICS.incidentClassified, classified('merge-a', 'ул. Бабушкина, 3'), { key: 'merge-a' });
    await publisher.publish(TOPICS.incidentClassified, classified('merge-b', 'ул. Бабушкина, 40'), { key: 'merge-b' });
    const [a, b] = await Promise.all([routedWith('merge-a'), routedWith('merge-b')]);
    await publisher.publish(TOPICS.operatorActionRequested, act(b.incidentId, { targetIncidentId: a.incidentId }), { key: b.incidentId });
    const merged = payloadOf<Record<string, unknown>>(await tap.waitFor(TOPICS.incidentMerged, about(b.incidentId)));
    expect(merged).toMatchObject({ number: b.number, intoIncidentId: a.incidentId, intoNumber: a.number, movedPostIds: ['merge-b'], postIds: ['merge-a', 'merge-b'], actor: 'operator:op-1' });
    await tap.waitFor(TOPICS.incidentStateChanged, (m) => about(b.incidentId)(m) && payloadOf<{ to: string }>(m).to === 'merged');

    await publisher.publish(TOPICS.operatorActionRequested, act(a.incidentId, { action: 'split', postIds: ['merge-b'], reason: 'это другой дом' }), { key: a.incidentId });
    const split = payloadOf<{ postIds: string[]; splitPostIds: string[]; newIncidentId: string; newNumber: string }>(await tap.waitFor(TOPICS.incidentSplit, about(a.incidentId)));
    expect(split).toMatchObject({ incidentId: a.incidentId, postIds: ['merge-a'], splitPostIds: ['merge-b'] });
    const created = payloadOf<{ incidentId: string; number: string }>(await tap.waitFor(TOPICS.incidentRouted, (m) => about(split.newIncidentId)(m)));
    expect(created.number).toBe(split.newNumber);
    await waitFor('both outboxes cleared', async () => {
      const left = await Promise.all([a.incidentId, b.incidentId].map(async (id) => Object.keys((await outboxOf(id)) ?? { pending: 1 }).length));
      return left.every((n) => n === 0) || undefined;
    });
  });
});
