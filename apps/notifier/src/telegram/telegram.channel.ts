import { ChannelSender, OutboundMessage, SendReceipt } from '../delivery/delivery.types';
import { trailingId } from '../delivery/post-ref';
import { TelegramBotClient } from './telegram-bot.client';

/**
 * Notifications to agency chats (the address is the chat id) and reply-back under citizens' posts
 * in channels and discussion groups (`replyTo` set: the reply goes to the post's chat).
 */
export class TelegramChannel implements ChannelSender {
  readonly channel = 'telegram' as const;

  constructor(private readonly client: TelegramBotClient) {}

  async send(message: OutboundMessage): Promise<SendReceipt> {
    const text = message.subject ? `${message.subject}\n\n${message.text}` : message.text;
    const target = message.replyTo;
    const { messageId } = target
      ? await this.client.sendMessage({ chatId: target.communityId, text, replyToMessageId: trailingId(target.externalId, 'replyTo.externalId') })
      : await this.client.sendMessage({ chatId: message.address, text });
    return { externalId: String(messageId) };
  }
}
