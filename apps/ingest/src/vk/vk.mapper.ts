import type { GroupsGroupFull, UsersUserFull, WallWallComment, WallWallpostAttachment, WallWallpostFull } from '@vkontakte/api-schema-typescript';
import type { AttachmentDraft, AuthorDraft, PostDraft } from '../posts/post.model';
import type { SourceConfig } from '../sources/source.model';

/** Names of authors from an `extended=1` answer, by VK owner id (negative for communities). */
export type VkNames = Map<number, string>;

/** Builds the author-name map from the profiles and groups of an extended answer. */
export function vkNames(profiles: UsersUserFull[] = [], groups: GroupsGroupFull[] = []): VkNames {
  const names: VkNames = new Map();
  for (const p of profiles) if (p.id !== undefined) names.set(p.id, [p.first_name, p.last_name].filter(Boolean).join(' '));
  for (const g of groups) if (g.id !== undefined && g.name) names.set(-g.id, g.name);
  return names;
}

/** A comment as the Callback API sends it: the wall owner may come as `post_owner_id`. */
export type VkCallbackComment = WallWallComment & { post_owner_id?: number };

/** External id of a VK wall post: `<owner>_<post>` as VK writes it in `wall-1_2`. */
export const vkPostId = (ownerId: number, postId: number): string => `${ownerId}_${postId}`;
/** External id of a VK comment: `<owner>_<post>_c<comment>`. */
export const vkCommentId = (ownerId: number, postId: number, commentId: number): string => `${ownerId}_${postId}_c${commentId}`;

function author(fromId: number | undefined, names: VkNames): AuthorDraft {
  const id = fromId ?? 0;
  return { platformId: String(id), displayName: names.get(id), isCommunity: id < 0 };
}

function largestPhotoUrl(attachment: WallWallpostAttachment): string | undefined {
  const sizes = attachment.photo?.sizes ?? [];
  const best = [...sizes].sort((a, b) => (b.width ?? 0) * (b.height ?? 0) - (a.width ?? 0) * (a.height ?? 0))[0];
  return best?.url ?? best?.src;
}

/** Attachments with a URL; the key is VK's own object id, since media URLs are re-signed per fetch. */
export function vkAttachments(attachments: WallWallpostAttachment[] = []): AttachmentDraft[] {
  const result: AttachmentDraft[] = [];
  for (const a of attachments) {
    if (a.type === 'photo' && a.photo) {
      const url = largestPhotoUrl(a);
      if (url) result.push({ type: 'photo', url, key: `photo${a.photo.owner_id}_${a.photo.id}` });
    } else if ((a.type === 'video' || a.type === 'clip') && (a.video ?? a.clip)) {
      const v = a.video ?? a.clip;
      result.push({ type: 'video', url: `https://vk.com/video${v?.owner_id}_${v?.id}`, key: `video${v?.owner_id}_${v?.id}` });
    } else if (a.type === 'doc' && a.doc?.url) {
      result.push({ type: 'doc', url: a.doc.url, key: `doc${a.doc.owner_id}_${a.doc.id}` });
    } else if (a.type === 'link' && a.link?.url) {
      result.push({ type: 'link', url: a.link.url, key: `link:${a.link.url}` });
    }
  }
  return result;
}

function geo(coordinates: string | undefined): PostDraft['geo'] {
  const [lat, lon] = (coordinates ?? '').trim().split(/\s+/).map(Number);
  return Number.isFinite(lat) && Number.isFinite(lon) && coordinates ? { lat, lon } : undefined;
}

/** Community reference of a post: the source's agency and territory apply to its own wall. */
function community(source: SourceConfig, ownerId: number, names: VkNames) {
  const own = source.communityId !== undefined && String(-ownerId) === source.communityId;
  return {
    id: String(ownerId < 0 ? -ownerId : ownerId),
    name: names.get(ownerId) ?? (own ? source.name : undefined),
    agencyId: source.agencyId,
    territoryCode: source.territoryCode,
  };
}

/** A wall post (wall.get, newsfeed.search, wall_post_new) as a draft; reposted text is included. */
export function vkPostDraft(post: WallWallpostFull, source: SourceConfig, names: VkNames): PostDraft | undefined {
  const ownerId = post.owner_id ?? post.to_id;
  if (ownerId === undefined || post.id === undefined || post.date === undefined) return undefined;
  const reposted = (post.copy_history ?? []).map((c) => c.text ?? '').filter((t) => t.length > 0);
  return {
    platform: 'vk',
    externalId: vkPostId(ownerId, post.id),
    sourceId: source.id,
    url: `https://vk.com/wall${ownerId}_${post.id}`,
    community: community(source, ownerId, names),
    author: author(post.signer_id ?? post.from_id, names),
    text: [post.text ?? '', ...reposted].filter((t) => t.length > 0).join('\n\n'),
    createdAt: new Date(post.date * 1000),
    editedAt: post.edited ? new Date(post.edited * 1000) : undefined,
    attachments: vkAttachments([...(post.attachments ?? []), ...(post.copy_history ?? []).flatMap((c) => c.attachments ?? [])]),
    geo: geo(post.geo?.coordinates),
    markedAsAd: post.marked_as_ads === 1,
    raw: post,
  };
}

/** A comment (wall.getComments, wall_reply_*) as a draft; it replies to a comment or to the post. */
export function vkCommentDraft(comment: VkCallbackComment, source: SourceConfig, names: VkNames): PostDraft | undefined {
  const ownerId = comment.owner_id ?? comment.post_owner_id;
  if (ownerId === undefined || comment.post_id === undefined || comment.id === undefined || comment.date === undefined) return undefined;
  const post = vkPostId(ownerId, comment.post_id);
  const threadRoot = comment.parents_stack?.[0];
  return {
    platform: 'vk',
    externalId: vkCommentId(ownerId, comment.post_id, comment.id),
    sourceId: source.id,
    url: `https://vk.com/wall${post}?reply=${comment.id}${threadRoot ? `&thread=${threadRoot}` : ''}`,
    community: community(source, ownerId, names),
    author: author(comment.from_id, names),
    text: comment.text ?? '',
    createdAt: new Date(comment.date * 1000),
    replyTo: comment.reply_to_comment ? vkCommentId(ownerId, comment.post_id, comment.reply_to_comment) : post,
    threadId: post,
    attachments: vkAttachments(comment.attachments),
    raw: comment,
  };
}
