import type { PostReceivedV1 } from '@otklik/contracts';

/** A post as ingest would announce it, for specs; `extra` overrides any field. */
export function samplePost(postId: string, text: string, extra: Partial<PostReceivedV1> = {}): PostReceivedV1 {
  return {
    postId,
    platform: 'vk',
    externalId: `ext-${postId}`,
    sourceId: 'src-1',
    community: { id: 'c-1', territoryCode: '40:primorsky' },
    author: { pseudonym: 'a-1' },
    text,
    createdAt: '2024-01-20T08:00:00.000Z',
    attachments: [],
    ...extra,
  };
}
