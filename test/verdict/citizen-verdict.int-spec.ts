import { mkdirSync } from 'node:fs';
import { AgencyAnsweredV1, PostReceivedV1, ReplyPublishedV1, TOPICS } from '@otklik/contracts';
import { DEFAULT_MESSAGING_OPTIONS, EventPublisher, EventTap, KafkaConnection, TappedMessage } from '@otklik/messaging';
import { ServiceName, Stack } from '../support/stack';

interface Envelope<P> {
  id: string;
  payload: P;
}
const payloadOf = <P>(m: TappedMessage): P => (m.json as Envelope<P>).payload;
const about =
  (incidentId: string) =>
  (m: TappedMessage): boolean =>
    payloadOf<{ incidentId?: string }>(m).incidentId === incidentId;

const WALL = '-1001_77';
const CITIZEN = 'citizen-verdict';

/** A VK post or comment of the complaint's community, as ingest announces it. */
function vkPost(postId: string, externalId: string, text: string, extra: Partial<PostReceivedV1> = {}): PostReceivedV1 {
  return {
    postId,
    platform: 'vk',
    externalId,
    sourceId: 'vk-nevsky',
    community: { id: '-1001', territoryCode: '40:nevsky' },
    author: { pseudonym: CITIZEN },
    text,
    createdAt: new Date().toISOString(),
    attachments: [],
    ...extra,
  };
}

function finalAnswer(incidentId: string, agencyId: string, answerId: string): AgencyAnsweredV1 {
  return {
    answerId,
    incidentId,
    agencyId,
    kind: 'final',
    text: 'Батареи прогреты, стояк промыт',
    photos: [],
    actor: { userId: 'u-staff', role: 'agency', agencyId },
    answeredAt: new Date().toISOString(),
  };
}

/**
 * The citizen's verdict across services on the real broker and database: the classifier reads the
 * reply under the answer, the router closes or reopens the incident, the sla-tracker reopens the
 * clock, each its own process as in production. Desk and the notifier are stood in for by the
 * events they would publish.
 */
describe("the citizen's verdict: classifier → router → sla-tracker", () => {
  const stack = new Stack({ label: 'verdict', commonEnv: { LOG_LEVEL: 'warn' }, env: { 'sla-tracker': { SLA_CLOCK_COLLECTIONS: '4' }, router: { ROUTER_SWEEP_MS: '500' } } });
  const SUBSET: ServiceName[] = ['sla-tracker', 'router', 'classifier'];
  let kafka: KafkaConnection;
  let tap: EventTap;
  let publisher: EventPublisher;

  beforeAll(async () => {
    await stack.allocatePorts();
    mkdirSync(stack.logDir, { recursive: true });
    for (const name of SUBSET) stack.spawn(name);
    await Promise.all(SUBSET.map((name) => stack.awaitReady(name)));
    kafka = new KafkaConnection(
      { ...DEFAULT_MESSAGING_OPTIONS, clientId: 'verdict-test', groupId: 'verdict-test', brokers: stack.brokers.split(','), topicPrefix: stack.topicPrefix },
      { info: () => undefined, warn: () => undefined, error: () => undefined },
    );
    tap = await EventTap.open(kafka, [TOPICS.incidentRouted, TOPICS.incidentStateChanged, TOPICS.postVerdict, TOPICS.incidentPostAttached, TOPICS.slaArmed, TOPICS.slaMet, TOPICS.slaReopened]);
    publisher = new EventPublisher(kafka);
  }, 360_000);

  afterAll(async () => {
    await tap?.close();
    await kafka?.close();
    await stack.stop();
    await stack.cleanup();
  });

  it("reopens the incident and its clock on a dispute, and closes it on the citizen's confirmation", async () => {
    await publisher.publish(TOPICS.postReceived, vkPost('v-post', WALL, 'Третий день нет отопления в квартире, батареи холодные. Невский район, ул. Седова, 12'), { key: 'v-post' });
    const routed = payloadOf<{ incidentId: string; agencyId: string; decision: { method: string } }>(
      await tap.waitFor(TOPICS.incidentRouted, (m) => payloadOf<{ postIds: string[] }>(m).postIds.includes('v-post'), 90_000),
    );
    const { incidentId, agencyId } = routed;
    expect(routed.decision.method).not.toBe('triage');
    await tap.waitFor(TOPICS.slaArmed, about(incidentId), 60_000);

    await publisher.publish(TOPICS.agencyAnswered, finalAnswer(incidentId, agencyId, 'ans-1'), { key: incidentId });
    await tap.waitFor(TOPICS.incidentStateChanged, (m) => about(incidentId)(m) && payloadOf<{ to: string }>(m).to === 'answered', 60_000);
    await tap.waitFor(TOPICS.slaMet, about(incidentId), 60_000);
    const reply: ReplyPublishedV1 = { incidentId, answerId: 'ans-1', postId: 'v-post', platform: 'vk', externalReplyId: '901', publishedAt: new Date().toISOString() };
    await publisher.publish(TOPICS.replyPublished, reply, { key: incidentId });

    // The citizen answers the published reply (VK comment 950 replying to comment 901 under the wall post).
    await publisher.publish(TOPICS.postReceived, vkPost('v-dispute', `${WALL}_c950`, 'Ничего не сделано, батареи до сих пор холодные', { replyTo: `${WALL}_c901`, threadId: WALL }), {
      key: 'v-dispute',
    });
    const verdict = await tap.waitFor(TOPICS.postVerdict, (m) => payloadOf<{ postId: string }>(m).postId === 'v-dispute', 60_000);
    expect(payloadOf(verdict)).toMatchObject({ verdict: 'disputed', origin: { replyTo: `${WALL}_c901`, authorPseudonym: CITIZEN } });
    const disputed = await tap.waitFor(TOPICS.incidentStateChanged, (m) => about(incidentId)(m) && payloadOf<{ reasonCode?: string }>(m).reasonCode === 'citizen_disputed', 60_000);
    expect(payloadOf(disputed)).toMatchObject({ from: 'answered', to: 'acknowledged', agencyId, actor: `citizen:${CITIZEN}` });
    const reopened = await tap.waitFor(TOPICS.slaReopened, about(incidentId), 60_000);
    expect(payloadOf(reopened)).toMatchObject({ reason: 'citizen dispute', answerId: 'ans-1', agencyId });
    // The dispute states the problem again: it joins the incident instead of starting another.
    await tap.waitFor(TOPICS.incidentPostAttached, (m) => about(incidentId)(m) && payloadOf<{ postId: string }>(m).postId === 'v-dispute', 60_000);
    expect(tap.messages.filter((m) => m.topic === TOPICS.incidentRouted && payloadOf<{ postIds: string[] }>(m).postIds.includes('v-dispute'))).toEqual([]);

    await publisher.publish(TOPICS.agencyAnswered, finalAnswer(incidentId, agencyId, 'ans-2'), { key: incidentId });
    await tap.waitFor(TOPICS.slaMet, (m) => about(incidentId)(m) && payloadOf<{ answerId?: string }>(m).answerId === 'ans-2', 60_000);
    await tap.waitFor(
      TOPICS.incidentStateChanged,
      (m) => about(incidentId)(m) && payloadOf<{ to: string; from: string }>(m).to === 'answered' && payloadOf<{ from: string }>(m).from === 'acknowledged',
      60_000,
    );
    await publisher.publish(TOPICS.postReceived, vkPost('v-thanks', `${WALL}_c960`, 'Спасибо, сделали, батареи горячие', { replyTo: WALL, threadId: WALL }), { key: 'v-thanks' });
    const confirmed = await tap.waitFor(TOPICS.incidentStateChanged, (m) => about(incidentId)(m) && payloadOf<{ reasonCode?: string }>(m).reasonCode === 'citizen_confirmed', 60_000);
    expect(payloadOf(confirmed)).toMatchObject({ from: 'answered', to: 'closed' });
  });
});
