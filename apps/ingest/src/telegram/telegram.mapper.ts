import type { Chat, Message, Update, User } from '@grammyjs/types';
import type { AttachmentDraft, AuthorDraft, PostDraft } from '../posts/post.model';
import type { SourceConfig } from '../sources/source.model';

/** External id of a Telegram message: `<chat id>_<message id>`. */
export const telegramMessageId = (chatId: number, messageId: number): string => `${chatId}_${messageId}`;

/** Link to a message: public chats by username, others by the `t.me/c/` form members can open. */
export function telegramLink(chat: Pick<Chat, 'id' | 'username'>, messageId: number): string {
  if (chat.username) return `https://t.me/${chat.username}/${messageId}`;
  return `https://t.me/c/${String(chat.id).replace(/^-100/, '')}/${messageId}`;
}

/**
 * Which channel post each discussion thread belongs to. Telegram copies a channel post into the
 * linked group (an automatic forward); comments point at that copy, not at the channel post.
 */
export class TelegramThreads {
  private readonly roots: Map<string, string>;
  /** Whether anything was learnt since loading, i.e. whether saving is needed. */
  changed = false;

  constructor(
    saved: Record<string, string> = {},
    private readonly capacity = 5000,
  ) {
    this.roots = new Map(Object.entries(saved));
  }

  remember(groupMessage: string, channelPost: string): void {
    this.roots.delete(groupMessage);
    this.roots.set(groupMessage, channelPost);
    this.changed = true;
    while (this.roots.size > this.capacity) this.roots.delete(this.roots.keys().next().value ?? '');
  }

  resolve(groupMessage: string): string | undefined {
    return this.roots.get(groupMessage);
  }

  toJSON(): Record<string, string> {
    return Object.fromEntries(this.roots);
  }
}

function matches(chat: Chat, configured: string | undefined): boolean {
  if (!configured) return false;
  return configured === String(chat.id) || (chat.username !== undefined && configured.replace(/^@/, '').toLowerCase() === chat.username.toLowerCase());
}

/** The source a message belongs to: its channel, or the channel whose discussion group it is in. */
export function telegramSourceFor(chat: Chat, sources: SourceConfig[]): { source: SourceConfig; inDiscussion: boolean } | undefined {
  for (const source of sources) {
    if (matches(chat, source.communityId)) return { source, inDiscussion: false };
    if (matches(chat, source.discussionGroupId)) return { source, inDiscussion: true };
  }
  return undefined;
}

function author(message: Message): AuthorDraft {
  if (message.sender_chat) {
    return { platformId: `chat${message.sender_chat.id}`, displayName: message.author_signature ?? message.sender_chat.title, isCommunity: true };
  }
  const user: User | undefined = message.from;
  return {
    platformId: String(user?.id ?? message.chat.id),
    displayName: user ? [user.first_name, user.last_name].filter(Boolean).join(' ') : undefined,
    isCommunity: false,
  };
}

function attachments(message: Message, link: string): AttachmentDraft[] {
  // File URLs of the Bot API embed the bot token, so attachments link to the message instead.
  const found: AttachmentDraft[] = [];
  const largest = message.photo?.at(-1);
  if (largest) found.push({ type: 'photo', url: link, key: largest.file_unique_id });
  for (const [type, file] of [
    ['video', message.video],
    ['doc', message.document],
    ['audio', message.voice],
  ] as const) {
    if (file) found.push({ type, url: link, key: file.file_unique_id });
  }
  return found;
}

/** Update kinds ingest asks Telegram for. */
export const TELEGRAM_UPDATE_TYPES = ['channel_post', 'edited_channel_post', 'message', 'edited_message'] as const;

/**
 * A Telegram update as a draft: channel posts and discussion-group comments of watched channels.
 * Automatic forwards (the channel post copied into its group) only teach the thread index.
 */
export function telegramDraft(update: Update, sources: SourceConfig[], threads: TelegramThreads): PostDraft | undefined {
  const message = update.channel_post ?? update.edited_channel_post ?? update.message ?? update.edited_message;
  if (!message) return undefined;
  const found = telegramSourceFor(message.chat, sources);
  if (!found) return undefined;
  const externalId = telegramMessageId(message.chat.id, message.message_id);
  const origin = message.forward_origin;
  if (found.inDiscussion && message.is_automatic_forward && origin?.type === 'channel') {
    threads.remember(externalId, telegramMessageId(origin.chat.id, origin.message_id));
    return undefined;
  }
  const link = telegramLink(message.chat, message.message_id);
  let threadId: string | undefined;
  let replyTo: string | undefined;
  if (found.inDiscussion) {
    const threadRoot = message.message_thread_id !== undefined ? telegramMessageId(message.chat.id, message.message_thread_id) : undefined;
    threadId = threadRoot ? (threads.resolve(threadRoot) ?? threadRoot) : undefined;
    const parent = message.reply_to_message;
    if (parent) {
      const parentId = telegramMessageId(message.chat.id, parent.message_id);
      replyTo = threads.resolve(parentId) ?? parentId;
    }
  }
  const location = message.location ?? message.venue?.location;
  const edited = 'edit_date' in message && typeof message.edit_date === 'number' ? message.edit_date : undefined;
  return {
    platform: 'telegram',
    externalId,
    sourceId: found.source.id,
    url: link,
    community: { id: String(message.chat.id), name: message.chat.title, agencyId: found.source.agencyId, territoryCode: found.source.territoryCode },
    author: author(message),
    text: message.text ?? message.caption ?? '',
    createdAt: new Date(message.date * 1000),
    editedAt: edited ? new Date(edited * 1000) : undefined,
    replyTo,
    threadId,
    attachments: attachments(message, link),
    geo: location ? { lat: location.latitude, lon: location.longitude } : undefined,
    raw: update,
  };
}
