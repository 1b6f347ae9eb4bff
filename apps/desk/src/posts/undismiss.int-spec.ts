import { ClassificationCorrectedV2, EventEnvelope, TOPICS } from '@otklik/contracts';
import { EventPublisher, EventTap } from '@otklik/messaging';
import { DeskClient, waitFor } from '@otklik/testing';
import { DeskUnderTest, startDesk } from '../testing/desk-test-app';
import { fixture, Fixture, postReceived } from '../testing/event-fixtures';
import { DismissedPage } from './dismissed-posts.service';

const T0 = new Date(Date.now() - 10 * 60_000);
const TEXT = 'Спасибо, конечно, но во дворе на Бабушкина, 12 третий день нет отопления';

function dismissed(postId: string): Fixture<typeof TOPICS.postDismissed> {
  return fixture(TOPICS.postDismissed, { postId, reason: 'kind:thanks', kind: { label: 'thanks', confidence: 0.71 }, modelVersion: 'model-test' }, new Date(T0.getTime() + 60_000));
}

describe('marking a dismissed post not dismissed (real broker and database)', () => {
  let desk: DeskUnderTest;
  let operator: DeskClient;
  let agency: DeskClient;
  let tap: EventTap;

  const publish = (f: Fixture, key: string): Promise<void> => desk.service.app.get(EventPublisher).send(f.topic, f.envelope, key);
  const listed = async () => (await operator.get<DismissedPage>('/api/v1/posts/dismissed')).body.items.map((p) => p.postId);
  const undismiss = (client: DeskClient, postId: string, body: object) =>
    client.post<{ eventId?: string; message?: string; fields?: { field: string }[] }>(`/api/v1/posts/dismissed/${postId}/undismiss`, body);

  beforeAll(async () => {
    desk = await startDesk('desk-undismiss');
    tap = await desk.service.tap([TOPICS.classificationCorrected]);
    [operator, agency] = await Promise.all([desk.user('op-undismiss', 'operator'), desk.user('gzhi-undismiss', 'agency', 'gzhi')]);
    const received = postReceived('pd1', TEXT, T0);
    await publish(received, 'pd1');
    await publish(dismissed('pd1'), 'pd1');
    await waitFor(
      'the dismissed post listed with its text',
      async () => {
        const items = (await operator.get<DismissedPage>('/api/v1/posts/dismissed')).body.items;
        return items.some((p) => p.postId === 'pd1' && p.text === TEXT) || undefined;
      },
      30000,
      100,
    );
  }, 120_000);

  afterAll(async () => {
    await tap?.close();
    await desk?.close();
  });

  it('refuses agency staff', async () => {
    expect((await undismiss(agency, 'pd1', { topicCode: 'housing.heating' })).status).toBe(403);
  });

  it('answers 400 naming topicCode when there is none or it is malformed, 422 when the taxonomy does not know it', async () => {
    const missing = await undismiss(operator, 'pd1', { territoryCode: '40911000' });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('topicCode must be a topic code');
    const unknown = await undismiss(operator, 'pd1', { topicCode: 'housing.unicorns' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.fields?.map((f) => f.field)).toEqual(['topicCode']);
    const kind = await undismiss(operator, 'pd1', { topicCode: 'housing.heating', kind: 'thanks' });
    expect(kind.status).toBe(400);
    expect(JSON.stringify(kind.body)).toContain('kind must be complaint or question');
  });

  it('answers 404 for a post that was not dismissed', async () => {
    expect((await undismiss(operator, 'no-such-post', { topicCode: 'housing.heating' })).status).toBe(404);
  });

  it('sends a classification correction saying the post needs action, with its topic, territory and text', async () => {
    const answer = await undismiss(operator, 'pd1', { topicCode: 'housing.heating', territoryCode: '40911000', urgency: 'high' });
    expect(answer.status).toBe(202);
    const message = await tap.waitFor(TOPICS.classificationCorrected, (m) => m.key === 'pd1');
    const event = message.json as EventEnvelope<ClassificationCorrectedV2>;
    expect(event.id).toBe(answer.body.eventId);
    expect(event.payload).toEqual({
      postId: 'pd1',
      topicCode: 'housing.heating',
      kind: 'complaint',
      urgency: 'high',
      territoryCode: '40911000',
      dismissed: false,
      text: TEXT,
      correctedBy: expect.any(String),
    });
    expect(event.producedBy).toBe('desk');
    expect(await listed()).toEqual([]);
  });

  it('refuses to mark the same post twice, naming who did it first', async () => {
    const again = await undismiss(desk.admin, 'pd1', { topicCode: 'housing.heating' });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('already marked not dismissed');
    expect(tap.messages.filter((m) => m.topic === TOPICS.classificationCorrected)).toHaveLength(1);
  });
});
