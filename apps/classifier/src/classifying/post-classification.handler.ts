import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { causedBy, TOPICS, type EventEnvelope, type PostEditedV1, type PostReceivedV1 } from '@otklik/contracts';
import { EventPublisher } from '@otklik/messaging';
import { PostClassificationService } from './post-classification.service';

/** Classifies new and edited posts and announces the outcome. */
@Controller()
export class PostClassificationHandler {
  constructor(
    private readonly classification: PostClassificationService,
    private readonly publisher: EventPublisher,
  ) {}

  @EventPattern(TOPICS.postReceived)
  onReceived(@Payload() event: EventEnvelope<PostReceivedV1>): Promise<void> {
    return this.handle(event, 'received');
  }

  @EventPattern(TOPICS.postEdited)
  onEdited(@Payload() event: EventEnvelope<PostEditedV1>): Promise<void> {
    return this.handle(event, 'edited');
  }

  private async handle(event: EventEnvelope<PostReceivedV1>, kind: 'received' | 'edited'): Promise<void> {
    const { decision, stored } = this.classification.decide(event.payload, kind);
    const options = { key: event.payload.postId, ...causedBy(event) };
    const published =
      decision.outcome === 'classified'
        ? this.publisher.publish(TOPICS.incidentClassified, decision.payload, options)
        : this.publisher.publish(TOPICS.postDismissed, decision.payload, options);
    await Promise.all([published, stored]);
  }
}
