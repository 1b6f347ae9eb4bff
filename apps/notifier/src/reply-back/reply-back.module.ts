import { Inject, Module, OnModuleInit } from '@nestjs/common';
import { ConfigModule } from '@otklik/config';
import { AnswerQualityModule } from '../answer-quality/answer-quality.module';
import { AnswerQualityService } from '../answer-quality/answer-quality.service';
import { notifierConfig, NotifierConfig } from '../config/notifier.config';
import { ChannelSenders } from '../delivery/channel-senders';
import { DeliveryModule } from '../delivery/delivery.module';
import { DeliveryService } from '../dispatch/delivery.service';
import { DispatchModule } from '../dispatch/dispatch.module';
import { IncidentBoard } from '../projection/incident-board.store';
import { ProjectionModule } from '../projection/projection.module';
import { IncidentPostsHandler } from './incident-posts.handler';
import { OkReplyChannel } from './ok-api.client';
import { ReplyBackHandler } from './reply-back.handler';
import { ReplyBackService } from './reply-back.service';
import { VkReplyChannel } from './vk-wall.client';

/** Reply-back: agencies' answers posted under the citizens' posts on VK and OK, once each, after the answer-quality check. */
@Module({
  imports: [ConfigModule.forFeature(notifierConfig), DeliveryModule, DispatchModule, ProjectionModule, AnswerQualityModule],
  controllers: [ReplyBackHandler, IncidentPostsHandler],
  providers: [
    {
      provide: ReplyBackService,
      inject: [DeliveryService, AnswerQualityService, IncidentBoard],
      useFactory: (deliveries: DeliveryService, quality: AnswerQualityService, board: IncidentBoard) => new ReplyBackService(deliveries, quality, (n) => board.link(n)),
    },
  ],
})
export class ReplyBackModule implements OnModuleInit {
  constructor(
    private readonly senders: ChannelSenders,
    @Inject(notifierConfig.KEY) private readonly config: NotifierConfig,
  ) {}

  /** Replies on VK and OK go out through these channels, for the platforms with a token configured. */
  onModuleInit(): void {
    if (this.config.vk) this.senders.register(new VkReplyChannel(this.config.vk));
    if (this.config.ok) this.senders.register(new OkReplyChannel(this.config.ok));
  }
}
