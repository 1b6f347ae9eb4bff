/** Platforms an answer can be carried back to. */
export const REPLY_PLATFORMS = ['vk', 'ok', 'telegram'] as const;
export type ReplyPlatform = (typeof REPLY_PLATFORMS)[number];

/** Where a citizen's post lives on its platform, as ingest reported it. */
export interface PostRef {
  postId: string;
  platform: ReplyPlatform;
  /** Platform's id of the post or comment: `<owner>_<id>` (VK) or the bare id. */
  externalId: string;
  /** Community, group or chat the post is in. */
  communityId: string;
  /** For a comment: the wall post / topic it belongs to. */
  threadId?: string;
}

/** The numeric id at the end of `<owner>_<id>`, `club<id>` or a bare id; throws naming the field when there is none. */
export function trailingId(value: string, field: string): number {
  const m = /(-?\d+)$/.exec(value.trim());
  if (!m) throw new TypeError(`${field}: expected a numeric id, got "${value}"`);
  return Number(m[1]);
}
