import type { Platform } from './events/common';

/**
 * The external id ingest gives a comment or message that `platformReplyId` names, when it was
 * written in reply to the post `repliedTo` (see ingest's VK, OK and Telegram mappers): VK and OK
 * comments are `<thread>_c<comment id>` with the wall post or topic as the thread, Telegram
 * messages `<chat id>_<message id>`. Undefined for platforms nobody replies on (the intake).
 */
export function replyExternalId(platform: Platform, repliedTo: { externalId: string; threadId?: string }, platformReplyId: string): string | undefined {
  switch (platform) {
    case 'vk':
    case 'ok':
      return `${repliedTo.threadId ?? repliedTo.externalId}_c${platformReplyId}`;
    case 'telegram': {
      const chat = repliedTo.externalId.slice(0, repliedTo.externalId.lastIndexOf('_'));
      return chat ? `${chat}_${platformReplyId}` : undefined;
    }
    default:
      return undefined;
  }
}
