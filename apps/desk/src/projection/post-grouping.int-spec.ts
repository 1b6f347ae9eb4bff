import { EventPublisher } from '@otklik/messaging';
import { waitFor } from '@otklik/testing';
import { dayIn } from '../dashboards/metrics';
import { IncidentDetail } from '../incidents/incident.presenter';
import { Fixture, minutes, postReceived, routed } from '../testing/event-fixtures';
import { DeskUnderTest, startDesk } from '../testing/desk-test-app';
import { attached, merged, split } from '../testing/grouping-fixtures';

const T0 = new Date(Date.now() - 30 * 60_000);

interface GroupingDashboard {
  grouping: { groupedPosts: number; merges: number; splits: number; byCategory: { categoryCode: string; groupedPosts: number }[] };
}

/** Grouped posts, merges and splits through the real broker into desk's read model, page and dashboards. */
describe('desk shows the posts an incident gathered and the merges and splits', () => {
  let desk: DeskUnderTest;
  const publish = (f: Fixture, key: string): Promise<void> => desk.service.app.get(EventPublisher).send(f.topic, f.envelope, key);
  const detail = async (id: string) => (await desk.admin.get<IncidentDetail>(`/api/v1/incidents/${id}`)).body;

  beforeAll(async () => {
    desk = await startDesk('desk-grouping');
    const events: [Fixture, string][] = [
      [postReceived('g1', 'Третий день нет отопления в доме 7 на Седова', T0), 'g1'],
      [postReceived('g2', 'В доме 7 по улице Седова холодные батареи', minutes(T0, 3)), 'g2'],
      [postReceived('g3', 'Седова 7: когда дадут тепло?', minutes(T0, 4)), 'g3'],
      [routed('201', ['g1'], 'gzhi', minutes(T0, 1)), '201'],
      [attached('201', ['g1', 'g2'], 'g2', minutes(T0, 5)), '201'],
      [routed('202', ['g3'], 'gzhi', minutes(T0, 6)), '202'],
      [merged('202', '201', ['g3'], ['g1', 'g2', 'g3'], minutes(T0, 10)), '202'],
    ];
    for (const [event, key] of events) await publish(event, key);
  }, 120_000);

  afterAll(async () => {
    await desk?.close();
  });

  it("lists a grouped and a merged-in post among the incident's posts, each tagged with how it came, and the merge in both timelines", async () => {
    const incident = await waitFor(
      '201 holds its three posts',
      async () => {
        const found = await detail('201');
        // The attach and the merge come on two topics, in either order: wait for both.
        return found.posts?.length === 3 && found.grouping?.mergedFrom.length && found.grouping.joined.length === 2 ? found : undefined;
      },
      45000,
      250,
    );
    expect(incident.posts.map((p) => p.text)).toEqual(expect.arrayContaining([expect.stringContaining('холодные батареи'), expect.stringContaining('когда дадут тепло')]));
    expect(incident.grouping?.joined.map((j) => [j.postId, j.how])).toEqual([
      ['g2', 'grouped'],
      ['g3', 'merged'],
    ]);
    expect(incident.timeline.map((e) => e.type)).toEqual(expect.arrayContaining(['incident.post-attached', 'incident.merged']));
    const gone = await waitFor(
      '202 merged',
      async () => {
        const found = await detail('202');
        return found.state === 'merged' || found.mergedInto ? found : undefined;
      },
      45000,
      250,
    );
    expect(gone).toMatchObject({ mergedInto: '201', grouping: { mergedInto: { incidentId: '201', number: '78-2026-000201' } } });
  });

  it('takes a split post out of the incident and shows where it went', async () => {
    await publish(split('201', ['g1', 'g3'], ['g2'], '203', minutes(T0, 20)), '201');
    await publish(routed('203', ['g2'], 'gzhi', minutes(T0, 20)), '203');
    const source = await waitFor(
      'g2 gone from 201',
      async () => {
        const found = await detail('201');
        return found.grouping?.splitInto.length ? found : undefined;
      },
      45000,
      250,
    );
    expect(source.postIds.sort()).toEqual(['g1', 'g3']);
    expect(source.grouping?.splitInto).toEqual([expect.objectContaining({ incidentId: '203', postIds: ['g2'] })]);
    const created = await waitFor(
      '203 names 201',
      async () => {
        const found = await detail('203');
        return found.grouping?.splitFrom && found.posts?.length ? found : undefined;
      },
      45000,
      250,
    );
    expect(created.posts.map((p) => p.postId)).toEqual(['g2']);
  });

  it('counts the grouped post, the merge and the split on the dashboard', async () => {
    const day = (offsetDays: number) => dayIn('Europe/Moscow', new Date(Date.now() + offsetDays * 86_400_000));
    const dashboard = await waitFor(
      'the split counted',
      async () => {
        const found = await desk.admin.get<GroupingDashboard>(`/api/v1/dashboards?from=${day(-2)}&to=${day(1)}`);
        return found.body.grouping?.splits === 1 ? found.body : undefined;
      },
      45000,
      250,
    );
    expect(dashboard.grouping).toEqual({ groupedPosts: 1, merges: 1, splits: 1, byCategory: [expect.objectContaining({ categoryCode: 'housing', groupedPosts: 1 })] });
  });
});
