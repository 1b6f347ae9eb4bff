import { FakeVkApi } from './fake-vk-api';

async function createComment(api: FakeVkApi, params: Record<string, string>): Promise<{ response?: { comment_id: number } }> {
  const response = await fetch(`${api.baseUrl}/method/wall.createComment`, {
    method: 'POST',
    body: new URLSearchParams({ access_token: 'vk-token', owner_id: '-1', post_id: '7', ...params }),
  });
  return (await response.json()) as { response?: { comment_id: number } };
}

describe('FakeVkApi wall.createComment', () => {
  const api = new FakeVkApi();

  beforeAll(async () => {
    await api.start();
    api.addPost(-1, { id: 7, date: 1 });
  });
  afterAll(() => api.stop());

  it('keeps one comment per guid, as VK does, and answers a repeat with that comment', async () => {
    const first = await createComment(api, { message: 'Ответ', guid: 'delivery-1' });
    const repeat = await createComment(api, { message: 'Ответ', guid: 'delivery-1' });
    const other = await createComment(api, { message: 'Ответ', guid: 'delivery-2' });
    expect(repeat.response?.comment_id).toBe(first.response?.comment_id);
    expect(other.response?.comment_id).not.toBe(first.response?.comment_id);
    expect(api.posted.filter((c) => c.postId === 7)).toHaveLength(2);
  });
});
