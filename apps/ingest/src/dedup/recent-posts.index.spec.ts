import { RecentPostsIndex } from './recent-posts.index';

const HOUR = 3600_000;

describe('RecentPostsIndex', () => {
  let now = new Date('2024-05-03T12:00:00Z');
  const index = () => new RecentPostsIndex(48 * HOUR, () => now);
  const candidate = (bands: string[]) => ({ signature: 'sig', bands });

  it('finds published posts by a shared band within the time range, each once', async () => {
    const recent = index();
    recent.add({ postId: 'p1', authorPseudonym: 'a', createdAt: new Date(now.getTime() - HOUR), candidate: candidate(['0:x', '1:y']) });
    recent.add({ postId: 'p2', authorPseudonym: 'b', createdAt: new Date(now.getTime() - HOUR) });
    const found = await recent.nearDuplicateCandidates(['0:x', '1:y', '2:z'], new Date(now.getTime() - 2 * HOUR), now, 10);
    expect(found.map((c) => c.postId)).toEqual(['p1']);
    expect(await recent.nearDuplicateCandidates(['0:x'], new Date(now.getTime() - 30 * 60_000), now, 10)).toEqual([]);
  });

  it("replaces a post's bands when it is added again (an edit)", async () => {
    const recent = index();
    recent.add({ postId: 'p1', authorPseudonym: 'a', createdAt: now, candidate: candidate(['0:old']) });
    recent.add({ postId: 'p1', authorPseudonym: 'a', createdAt: now, candidate: candidate(['0:new']) });
    expect(await recent.nearDuplicateCandidates(['0:old'], new Date(0), now, 10)).toEqual([]);
    expect((await recent.nearDuplicateCandidates(['0:new'], new Date(0), now, 10)).map((c) => c.postId)).toEqual(['p1']);
  });

  it("counts an author's posts since a moment", async () => {
    const recent = index();
    for (let i = 0; i < 4; i += 1) recent.add({ postId: `p${i}`, authorPseudonym: 'a', createdAt: new Date(now.getTime() - i * 5 * 60_000) });
    expect(await recent.countByAuthorSince('a', new Date(now.getTime() - 11 * 60_000), 'p-new')).toBe(3);
    expect(await recent.countByAuthorSince('b', new Date(0), 'p-new')).toBe(0);
    // The post being checked is left out: a second try of a write that failed counts as the first did.
    expect(await recent.countByAuthorSince('a', new Date(now.getTime() - 11 * 60_000), 'p1')).toBe(2);
  });

  it('ignores posts older than the window and drops them as time passes', async () => {
    const recent = index();
    recent.add({ postId: 'old', authorPseudonym: 'a', createdAt: new Date(now.getTime() - 49 * HOUR) });
    expect(recent.size).toBe(0);
    recent.add({ postId: 'p1', authorPseudonym: 'a', createdAt: now });
    now = new Date(now.getTime() + 49 * HOUR);
    recent.add({ postId: 'p2', authorPseudonym: 'a', createdAt: now });
    expect(recent.size).toBe(1);
  });
});
