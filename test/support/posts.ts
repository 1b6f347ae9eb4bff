import { PostReceivedV1 } from '@otklik/contracts';

/** A valid post-received payload for backbone tests. */
export function samplePost(postId: string, text = 'Во дворе дома 5 на ул. Ленина третий день нет горячей воды'): PostReceivedV1 {
  return {
    postId,
    platform: 'intake',
    externalId: postId,
    sourceId: 'test-source',
    community: { id: 'test-community' },
    author: { pseudonym: 'a1' },
    text,
    createdAt: new Date().toISOString(),
    attachments: [],
  };
}
