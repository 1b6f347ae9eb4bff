import type { AttachmentDraft, PostDraft } from '../posts/post.model';
import type { SourceConfig } from '../sources/source.model';
import type { OkComment, OkEntities, OkMediaTopic } from './ok.types';

/** External id of a group topic: `<group>_<topic>`. */
export const okTopicId = (groupId: string, topicId: string): string => `${groupId}_${topicId}`;
/** External id of a topic comment: `<group>_<topic>_c<comment>`. */
export const okCommentId = (groupId: string, topicId: string, commentId: string): string => `${groupId}_${topicId}_c${commentId}`;

/** Offset of OK's zone-less comment dates (`yyyy-MM-dd HH:mm:ss`, Moscow time) from UTC. */
const OK_DATE_OFFSET = '+03:00';

/** Names of users and groups by their ref (`user:1`, `group:2`). */
export function okNames(entities: OkEntities = {}): Map<string, string> {
  const names = new Map<string, string>();
  for (const u of entities.users ?? []) {
    const name = u.name ?? [u.first_name, u.last_name].filter(Boolean).join(' ');
    const id = u.uid ?? u.id;
    if (id && name) names.set(`user:${id}`, name);
  }
  for (const g of entities.groups ?? []) {
    const id = g.uid ?? g.id;
    if (id && g.name) names.set(`group:${id}`, g.name);
  }
  return names;
}

function photoUrls(entities: OkEntities = {}): Map<string, string> {
  const urls = new Map<string, string>();
  for (const p of entities.group_photos ?? []) {
    const url = p.pic_max ?? p.pic640x480;
    if (url && (p.ref ?? p.id)) urls.set(p.ref ?? `group_photo:${p.id}`, url);
  }
  return urls;
}

function topicContent(topic: OkMediaTopic, entities: OkEntities | undefined, link: string) {
  const texts: string[] = [];
  const attachments: AttachmentDraft[] = [];
  const photos = photoUrls(entities);
  for (const media of topic.media ?? []) {
    if (media.type === 'text' && media.text) texts.push(media.text);
    if (media.type === 'link' && media.url) attachments.push({ type: 'link', url: media.url, key: `link:${media.url}` });
    for (const ref of media.photo_refs ?? []) attachments.push({ type: 'photo', url: photos.get(ref) ?? link, key: ref });
    for (const ref of media.movie_refs ?? []) attachments.push({ type: 'video', url: link, key: ref });
  }
  return { text: texts.join('\n\n'), attachments };
}

/** A group feed topic as a draft. */
export function okTopicDraft(topic: OkMediaTopic, groupId: string, source: SourceConfig, entities?: OkEntities): PostDraft {
  const link = `https://ok.ru/group/${groupId}/topic/${topic.id}`;
  const authorRef = topic.author_ref ?? `group:${groupId}`;
  const { text, attachments } = topicContent(topic, entities, link);
  return {
    platform: 'ok',
    externalId: okTopicId(groupId, topic.id),
    sourceId: source.id,
    url: link,
    community: { id: groupId, name: source.name, agencyId: source.agencyId, territoryCode: source.territoryCode },
    author: { platformId: authorRef, displayName: okNames(entities).get(authorRef), isCommunity: authorRef.startsWith('group:') },
    text,
    createdAt: new Date(topic.created_ms),
    attachments,
    markedAsAd: topic.ad === true,
    raw: topic,
  };
}

/** When a comment was written: `date_ms` when given, else `date` read in OK's zone. */
export function okCommentDate(comment: OkComment): Date | undefined {
  if (typeof comment.date_ms === 'number') return new Date(comment.date_ms);
  if (!comment.date) return undefined;
  const parsed = new Date(`${comment.date.replace(' ', 'T')}${OK_DATE_OFFSET}`);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed;
}

/** A topic comment as a draft; it replies to a comment or to the topic. */
export function okCommentDraft(comment: OkComment, groupId: string, topicId: string, source: SourceConfig, names: Map<string, string>): PostDraft | undefined {
  const createdAt = okCommentDate(comment);
  if (!createdAt) return undefined;
  const topic = okTopicId(groupId, topicId);
  const authorRef = `user:${comment.author_id ?? 'unknown'}`;
  return {
    platform: 'ok',
    externalId: okCommentId(groupId, topicId, comment.id),
    sourceId: source.id,
    url: `https://ok.ru/group/${groupId}/topic/${topicId}`,
    community: { id: groupId, name: source.name, agencyId: source.agencyId, territoryCode: source.territoryCode },
    author: { platformId: authorRef, displayName: comment.author_name ?? names.get(authorRef), isCommunity: false },
    text: comment.text ?? '',
    createdAt,
    replyTo: comment.reply_to_comment_id ? okCommentId(groupId, topicId, comment.reply_to_comment_id) : topic,
    threadId: topic,
    attachments: [],
    raw: comment,
  };
}
