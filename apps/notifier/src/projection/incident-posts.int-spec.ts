import { getConnectionToken } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { createEvent, EventEnvelope, PayloadOf, TOPICS } from '@otklik/contracts';
import { EventPublisher, EventTap } from '@otklik/messaging';
import { IsolatedInfra, isolateInfra, startTestService, TestService, waitFor } from '@otklik/testing';
import { AppModule } from '../app.module';
import { VkApiTestServer } from '../testing/platform-test-servers';

const OWNER = '-400';

/** Reply-back under every post an incident gathered: the real broker and database, a local VK API. */
describe('notifier replies under every original post of an incident', () => {
  let infra: IsolatedInfra;
  let service: TestService;
  let tap: EventTap;
  const vk = new VkApiTestServer('vk-token');
  const now = new Date();
  const publisher = () => service.app.get(EventPublisher);

  beforeAll(async () => {
    infra = isolateInfra('notifier-posts');
    const vkUrl = await vk.http.start();
    Object.assign(process.env, { VK_API_URL: vkUrl, VK_ACCESS_TOKEN: 'vk-token', DELIVERY_POLL_MS: '100', NOTIFIER_DESK_URL: 'https://desk.otklik.test' });
    vk.walls.set(OWNER, new Set([1, 2, 3, 4, 5]));
    service = await startTestService('notifier', AppModule);
    tap = await service.tap([TOPICS.replyPublished]);
  });

  afterAll(async () => {
    await service?.close();
    await vk.http.stop();
    await infra?.cleanup();
  });

  const post = (n: number) =>
    publisher().publish(
      TOPICS.postReceived,
      {
        postId: `post-${n}`,
        platform: 'vk',
        externalId: `${OWNER}_${n}`,
        sourceId: 'vk-src',
        community: { id: OWNER },
        author: { pseudonym: `h${n}` },
        text: 'Не горит фонарь',
        createdAt: now.toISOString(),
        attachments: [],
      },
      { key: `post-${n}` },
    );
  const facts = (incidentId: string, number: string, postIds: string[]) => ({
    incidentId,
    number,
    topicCode: 'landscaping.lighting',
    urgency: 'normal' as const,
    place: { territoryCode: '40:nevsky', address: 'Народная ул., 12' },
    regionCode: '40',
    postIds,
  });
  const routed = (incidentId: string, number: string, postIds: string[]): PayloadOf<typeof TOPICS.incidentRouted> => ({
    ...facts(incidentId, number, postIds),
    agencyId: 'spb-kei',
    coExecutorIds: [],
    routedAt: now.toISOString(),
    decision: { method: 'rule', ruleId: '7', confidence: 1, explanation: 'правило 7: освещение → КЭИ' },
  });
  const answer = (incidentId: string, answerId: string) =>
    createEvent(TOPICS.agencyAnswered, {
      answerId,
      incidentId,
      agencyId: 'spb-kei',
      kind: 'final',
      text: 'Светильник у дома 12 по Народной улице заменён 6 декабря, освещение восстановлено.',
      photos: [],
      actor: { userId: 'u1', role: 'agency', agencyId: 'spb-kei' },
      answeredAt: now.toISOString(),
    });
  const repliesTo = (answerId: string) =>
    new Map(
      tap.messages
        .map((m) => (m.json as EventEnvelope<{ answerId: string; postId: string }>).payload)
        .filter((p) => p.answerId === answerId)
        .map((p) => [p.postId, p]),
    );
  /** The notifier's record of an incident, to wait until an event has been handled. */
  const board = async (incidentId: string) =>
    (await service.app
      .get<Connection>(getConnectionToken())
      .collection('notifier_incidents')
      .findOne({ _id: incidentId as never })) as { number?: string; postIds?: string[]; leftPostIds?: string[] } | null;
  const holds = (incidentId: string, postIds: string[], number?: string) =>
    waitFor(`${incidentId} holds ${postIds.join(', ')}`, async () => {
      const found = await board(incidentId);
      return (postIds.every((p) => found?.postIds?.includes(p)) && (number === undefined || found?.number === number)) || undefined;
    });
  const commentsUnder = (postId: number) => vk.comments.filter((c) => c.ownerId === OWNER && c.postId === postId);
  const attached = (postIds: string[], incidentId = 'inc-a', number = '78-2026-000010') =>
    publisher().publish(
      TOPICS.incidentPostAttached,
      {
        ...facts(incidentId, number, postIds),
        postId: postIds.at(-1) ?? '',
        reason: 'та же проблема в том же месте',
        attachedAt: now.toISOString(),
      },
      { key: incidentId },
    );

  it('publishes the answer under the first post, the one grouped into the incident and the one merged in, once each', async () => {
    await Promise.all([1, 2, 3].map(post));
    // The grouped post's announcement is read before the routing it follows: the routing must not drop it.
    await attached(['post-1', 'post-2']);
    await holds('inc-a', ['post-2']);
    await publisher().publish(TOPICS.incidentRouted, routed('inc-a', '78-2026-000010', ['post-1']), { key: 'inc-a' });
    await holds('inc-a', ['post-1', 'post-2'], '78-2026-000010');
    // An operator merges another incident (post-3) into this one.
    await publisher().publish(TOPICS.incidentRouted, routed('inc-b', '78-2026-000011', ['post-3']), { key: 'inc-b' });
    await publisher().publish(
      TOPICS.incidentMerged,
      {
        incidentId: 'inc-b',
        number: '78-2026-000011',
        intoIncidentId: 'inc-a',
        intoNumber: '78-2026-000010',
        movedPostIds: ['post-3'],
        postIds: ['post-1', 'post-2', 'post-3'],
        actor: 'operator:o1',
        reason: 'тот же фонарь',
        mergedAt: now.toISOString(),
      },
      { key: 'inc-b' },
    );
    await holds('inc-a', ['post-1', 'post-2', 'post-3']);
    const answered = answer('inc-a', 'ans-a');
    // Sent twice: a redelivered answer has one effect.
    await publisher().send(TOPICS.agencyAnswered, answered, 'inc-a');
    await publisher().send(TOPICS.agencyAnswered, answered, 'inc-a');
    await waitFor('replies under the three posts', () => repliesTo('ans-a').size === 3 || undefined, 30000);
    expect([...repliesTo('ans-a').keys()].sort()).toEqual(['post-1', 'post-2', 'post-3']);
    expect([1, 2, 3].map((n) => commentsUnder(n).length)).toEqual([1, 1, 1]);
    expect(commentsUnder(2)[0]?.message).toContain('https://desk.otklik.test/incidents/78-2026-000010');
  });

  it('does not answer an incident under a post split out of it, even when an older routing names it again', async () => {
    await publisher().publish(
      TOPICS.incidentSplit,
      {
        ...facts('inc-a', '78-2026-000010', ['post-1', 'post-3']),
        splitPostIds: ['post-2'],
        newIncidentId: 'inc-d',
        newNumber: '78-2026-000013',
        actor: 'operator:o1',
        reason: 'другой двор',
        splitAt: now.toISOString(),
      },
      { key: 'inc-a' },
    );
    await publisher().publish(TOPICS.incidentRouted, routed('inc-d', '78-2026-000013', ['post-2']), { key: 'inc-d' });
    await holds('inc-d', ['post-2'], '78-2026-000013');
    await waitFor('post-2 left inc-a', async () => (await board('inc-a'))?.leftPostIds?.includes('post-2') || undefined);
    // A routing of inc-a from before the split, read after it, names post-2 again.
    await publisher().publish(TOPICS.incidentRouted, routed('inc-a', '78-2026-000010', ['post-1', 'post-2', 'post-3']), { key: 'inc-a' });
    await holds('inc-a', ['post-2']);
    await publisher().send(TOPICS.agencyAnswered, answer('inc-a', 'ans-a2'), 'inc-a');
    await publisher().send(TOPICS.agencyAnswered, answer('inc-d', 'ans-d'), 'inc-d');
    await waitFor('replies of both answers', () => (repliesTo('ans-a2').size === 2 && repliesTo('ans-d').size === 1) || undefined, 30000);
    expect([...repliesTo('ans-a2').keys()].sort()).toEqual(['post-1', 'post-3']);
    expect([...repliesTo('ans-d').keys()]).toEqual(['post-2']);
    expect([1, 2, 3].map((n) => commentsUnder(n).length)).toEqual([2, 2, 2]);
  });

  it('answers a post that joins the incident after its final answer, once', async () => {
    await Promise.all([4, 5].map(post));
    await attached(['post-2', 'post-4'], 'inc-d', '78-2026-000013');
    await waitFor('the answer under the late post', () => repliesTo('ans-d').has('post-4') || undefined, 30000);
    // The announcement redelivered, then another post joins: its answer, on the same partition, follows the redelivery's handling.
    await attached(['post-2', 'post-4'], 'inc-d', '78-2026-000013');
    await attached(['post-2', 'post-4', 'post-5'], 'inc-d', '78-2026-000013');
    await waitFor('the answer under the next late post', () => repliesTo('ans-d').has('post-5') || undefined, 30000);
    expect(commentsUnder(4).map((c) => c.message)).toEqual([expect.stringContaining('Светильник у дома 12 по Народной улице заменён')]);
    expect([2, 5].map((n) => commentsUnder(n).length)).toEqual([2, 1]);
  });
});
