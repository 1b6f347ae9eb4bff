import { TOPICS } from '@otklik/contracts';
import { EventPublisher } from '@otklik/messaging';
import { DeskClient, startTestService, TestService, waitFor } from '@otklik/testing';
import mongoose, { Connection } from 'mongoose';
import { AppModule } from '../app.module';
import { IncidentDetail } from '../incidents/incident.presenter';
import { IncidentPage } from '../incidents/incidents.service';
import { SurgeView } from '../surges/surge-queue.service';
import { classified, fixture, Fixture, minutes, postReceived, routed, surgeDetected } from '../testing/event-fixtures';
import { DeskUnderTest, startDesk, USER_PASSWORD } from '../testing/desk-test-app';
import { deskAppOptions } from '../web/desk-app';

const T0 = new Date(Date.now() - 20 * 60_000);
const DAY_MS = 86_400_000;
/** Days around now in every time zone, so the fixtures' day is inside whatever DESK_TIME_ZONE says. */
const PERIOD = `from=${new Date(Date.now() - 2 * DAY_MS).toISOString().slice(0, 10)}&to=${new Date(Date.now() + DAY_MS).toISOString().slice(0, 10)}`;

/** How an earlier release named the taxonomy's codes in each of desk's stores: [collection, current name, earlier name]. */
const EARLIER_NAMES: [string, string, string][] = [
  ['desk_incidents', 'topicCode', 'topic'],
  ['desk_incidents', 'categoryCode', 'topicGroup'],
  ['desk_incidents', 'classification.topicCode', 'classification.topic'],
  ['desk_incidents', 'classification.correction.topicCode', 'classification.correction.topic'],
  ['desk_posts', 'classification.topicCode', 'classification.topic'],
  ['desk_posts', 'classification.correction.topicCode', 'classification.correction.topic'],
  ['desk_posts', 'dismissed.undone.topicCode', 'dismissed.undone.topic'],
  ['desk_surges', 'topicCode', 'topic'],
  ['desk_counters', 'dims.category', 'dims.topic'],
];

/** Every stored document of desk's views without its timeline (which keeps events as they came). */
async function storedViews(connection: Connection): Promise<string> {
  const collections = [...new Set(EARLIER_NAMES.map(([collection]) => collection))];
  const documents = await Promise.all(
    collections.map((name) =>
      connection
        .collection(name)
        .find({}, { projection: { timeline: 0 } })
        .toArray(),
    ),
  );
  return JSON.stringify(documents);
}

describe('desk on data an earlier release stored with the taxonomy code named topic (real broker and database)', () => {
  let desk: DeskUnderTest;
  let upgraded: TestService | undefined;
  let connection: Connection;

  const publish = (f: Fixture, key: string): Promise<void> => desk.service.app.get(EventPublisher).send(f.topic, f.envelope, key);

  /** What an operator sees of the incident, the surge, the dashboards and the filtered lists. */
  async function operatorsView(operator: DeskClient) {
    const list = async (filter: string) => (await operator.get<IncidentPage>(`/api/v1/incidents?${filter}`)).body.items.map((i) => i.incidentId);
    return {
      incident: (await operator.get<IncidentDetail>('/api/v1/incidents/201')).body,
      surges: (await operator.get<SurgeView[]>('/api/v1/surges?status=all')).body,
      dashboard: (await operator.get<object>(`/api/v1/dashboards?${PERIOD}`)).body,
      byCategory: await list('categoryCode=housing'),
      byTopic: await list('topicCode=housing.water_supply'),
    };
  }

  beforeAll(async () => {
    desk = await startDesk('desk-topic-code');
    connection = await mongoose.createConnection(desk.infra.mongoUri, { dbName: desk.infra.database, maxPoolSize: 2 }).asPromise();
  }, 120_000);

  afterAll(async () => {
    await connection?.close();
    await upgraded?.close();
    await desk?.infra.cleanup();
  });

  it('renames them once at start, and operators see the same incident, surge, dashboards and lists', async () => {
    const operator = await desk.user('op-upgrade', 'operator');
    await publish(postReceived('p1', 'Во дворе нет горячей воды третий день', T0), 'p1');
    await publish(classified('p1', 'housing.heating', 0.9, minutes(T0, 1)), 'p1');
    await publish(routed('201', ['p1'], 'gzhi', minutes(T0, 2)), '201');
    await publish(surgeDetected('40911000', 'Невский район', ['201']), '40911000|housing.heating');
    await publish(postReceived('pd1', 'Спасибо, но у нас нет отопления', T0), 'pd1');
    await publish(fixture(TOPICS.postDismissed, { postId: 'pd1', reason: 'kind:thanks', kind: { label: 'thanks', confidence: 0.7 }, modelVersion: 'model-test' }, minutes(T0, 1)), 'pd1');
    await waitFor('the incident and the dismissed post in the read model', async () => {
      const incident = await operator.get<IncidentDetail>('/api/v1/incidents/201');
      const dismissed = await connection.collection('desk_posts').findOne({ _id: 'pd1' as never, dismissed: { $exists: true } });
      return (incident.body.classification && dismissed) || undefined;
    });
    expect((await operator.post('/api/v1/incidents/201/classification', { topicCode: 'housing.water_supply' })).status).toBe(202);
    expect((await operator.post('/api/v1/posts/dismissed/pd1/undismiss', { topicCode: 'housing.heating' })).status).toBe(202);
    await waitFor('the surge queued', async () => (await operator.get<SurgeView[]>('/api/v1/surges')).body.length === 1 || undefined);
    const before = await operatorsView(operator);
    expect(before.incident).toMatchObject({ topicCode: 'housing.water_supply', topicName: 'Водоснабжение', categoryCode: 'housing' });
    expect(before.byTopic).toEqual(['201']);

    await desk.service.close();
    for (const [collection, current, earlier] of EARLIER_NAMES) await connection.collection(collection).updateMany({}, { $rename: { [current]: earlier } });
    await connection.collection('schema_changes').deleteMany({});
    expect(await storedViews(connection)).toContain('"topic":');
    expect(await storedViews(connection)).toContain('"topicGroup":');

    upgraded = await startTestService('desk', AppModule, deskAppOptions);
    const after = await operatorsView(await new DeskClient(upgraded.baseUrl).login('op-upgrade', USER_PASSWORD));
    expect(after).toEqual(before);
    const stored = await storedViews(connection);
    expect(stored).not.toContain('"topic":');
    expect(stored).not.toContain('"topicGroup":');
  }, 120_000);
});
