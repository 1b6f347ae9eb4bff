import { IncidentPage } from '../incidents/incidents.service';
import { minutes, postReceived, routed } from '../testing/event-fixtures';
import { DeskUnderTest, startDesk } from '../testing/desk-test-app';
import { ProjectionService } from './projection.service';
import { PostStore } from './post.store';

const T0 = new Date(Date.now() - 30 * 60_000);

/**
 * Events of different topics are folded concurrently. These specs put one event exactly inside
 * another's read-modify-write, on the real database, where a timing-dependent loss would hide.
 */
describe('desk read model under interleaved events (real database)', () => {
  let desk: DeskUnderTest;
  let projection: ProjectionService;
  let posts: PostStore;

  beforeAll(async () => {
    desk = await startDesk('desk-interleave');
    projection = desk.service.app.get(ProjectionService);
    posts = desk.service.app.get(PostStore);
  }, 120_000);

  afterAll(async () => {
    await desk?.close();
  });

  it('a post stored while its new incident is being stored is still found by its words in that incident', async () => {
    const first = postReceived('il-p1', 'Не горит фонарь у дома 5 на Садовой', T0);
    const second = postReceived('il-p2', 'Вторую неделю темно во дворе на Садовой', minutes(T0, 1));
    const route = routed('il-1', ['il-p1', 'il-p2'], 'gzhi', minutes(T0, 2));
    await projection.apply(first.topic, first.envelope);
    // The second post arrives after the new incident read its posts and before it is inserted:
    // the post's refresh finds no incident yet.
    const read = posts.views.bind(posts);
    const spy = jest.spyOn(posts, 'views').mockImplementationOnce(async (postIds) => {
      const found = await read(postIds);
      await projection.apply(second.topic, second.envelope);
      return found;
    });
    await projection.apply(route.topic, route.envelope);
    spy.mockRestore();

    // Only the second post's words find the incident once its text is folded in.
    const found = await desk.admin.get<IncidentPage>(`/api/v1/incidents?q=${encodeURIComponent('вторую неделю темно')}`);
    expect(found.body.items.map((i) => i.incidentId)).toEqual(['il-1']);
  });
});
