import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, PostDeletedV1, PostReceivedV1, TOPICS } from '@otklik/contracts';
import { REPLY_PLATFORMS, ReplyPlatform } from '../delivery/post-ref';
import { IncidentBoard } from './incident-board.store';

/** Keeps where each citizen post lives, so that answers can be carried back under it. */
@Controller()
export class ProjectionHandler {
  constructor(private readonly board: IncidentBoard) {}

  @EventPattern(TOPICS.postReceived)
  async onPost(@Payload() event: EventEnvelope<PostReceivedV1>): Promise<void> {
    const p = event.payload;
    if (!(REPLY_PLATFORMS as readonly string[]).includes(p.platform)) return;
    await this.board.rememberPost({
      postId: p.postId,
      platform: p.platform as ReplyPlatform,
      externalId: p.externalId,
      communityId: p.community.id,
      // A comment is answered inside its thread; a wall post or channel post is its own thread.
      threadId: p.replyTo ? p.threadId : undefined,
    });
  }

  @EventPattern(TOPICS.postDeleted)
  async onDeleted(@Payload() event: EventEnvelope<PostDeletedV1>): Promise<void> {
    await this.board.forgetPost(event.payload.postId);
  }
}
