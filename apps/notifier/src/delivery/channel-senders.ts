import { Injectable } from '@nestjs/common';
import type { Channel, ChannelSender } from './delivery.types';

/**
 * The senders of the channels that are configured, by channel, as the channels' modules register
 * them at start; a channel with no sender fails its deliveries with a clear error.
 */
@Injectable()
export class ChannelSenders extends Map<Channel, ChannelSender> {
  /** Sends the messages of `sender.channel` through `sender`; one sender per channel. */
  register(sender: ChannelSender): void {
    if (this.has(sender.channel)) throw new Error(`a sender of channel ${sender.channel} is registered already`);
    this.set(sender.channel, sender);
  }
}
