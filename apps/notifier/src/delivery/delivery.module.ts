import { Module } from '@nestjs/common';
import { ChannelSenders } from './channel-senders';

/** The channels messages go out by: each channel's module registers its sender, dispatch sends through them. */
@Module({
  providers: [ChannelSenders],
  exports: [ChannelSenders],
})
export class DeliveryModule {}
